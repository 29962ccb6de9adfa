using Coopah.Cli.Fit;
using Coopah.Cli.Matching;

namespace Coopah.Cli;

/// <summary>Command dispatch for the <c>coopah</c> tool; kept testable by writing to injected writers.</summary>
public static class CliApp
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            stdout.WriteLine("usage: coopah <command> ...");
            stdout.WriteLine("commands: fit dump|check|bench, intervals");
            return args.Length == 0 ? 2 : 0;
        }

        return args[0] switch
        {
            "fit" => FitCommand.Run(args[1..], stdout, stderr),
            "intervals" => IntervalsCommand.Run(args[1..], stdout, stderr),
            _ => Unknown(args[0], stderr),
        };
    }

    private static int Unknown(string command, TextWriter stderr)
    {
        stderr.WriteLine($"coopah: unknown command '{command}'");
        return 2;
    }
}
