using Coopah.Core.Fit;
using SharpFuzz;

// afl++ drives this through SharpFuzz: any exception other than FitFormatException is a crash (a finding).
// Without afl (plain `dotnet run -- FILE...`) it replays inputs once, to reproduce a finding.
if (args.Length > 0)
{
    foreach (var path in args)
    {
        Run(File.ReadAllBytes(path));
    }

    return;
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var ms = new MemoryStream();
    stream.CopyTo(ms);
    Run(ms.ToArray());
});

static void Run(byte[] bytes)
{
    foreach (var options in new[] { FitDecodeOptions.Default, new FitDecodeOptions { Lenient = true, ReadOnCrcError = true } })
    {
        try
        {
            var file = FitDecoder.Decode(bytes, options);
            _ = FitCanonicalJson.Write(file);
            _ = FitDumpJson.Write(file);
            _ = FitActivity.From(file).Pauses;
        }
        catch (FitFormatException)
        {
            // Expected for bad input.
        }
    }
}
