using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// bench/review-desk.sh seeds its throw-away database through this entry point (not a BenchmarkDotNet run).
if (args is ["seed-review-desk", var database, var runners, var weeks])
{
    return await Coopah.Benchmarks.ReviewDeskSeed.RunAsync(database, int.Parse(runners, System.Globalization.CultureInfo.InvariantCulture), int.Parse(weeks, System.Globalization.CultureInfo.InvariantCulture));
}

// In-process toolchain: no generated child project (which would inherit the repo's strict build settings).
var config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance));
BenchmarkSwitcher.FromAssembly(typeof(Coopah.Benchmarks.FitDecodeBenchmarks).Assembly).Run(args, config);
return 0;
