using Coopah.Web.Jobs;
using Coopah.Web.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;

namespace Coopah.Web.Tests.Jobs;

public sealed class HostLogProviderTests
{
    [Fact]
    public void SqliteLockHeartbeatOnALostLock_IsAWarning_OtherErrorsStayErrors()
    {
        var logs = new LogSink();
        var sink = logs.Entries;
        using var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        var provider = new HostLogProvider(loggers);
        var lockLog = provider.GetLogger(HostLogProvider.SqliteLockLogger);

        lockLog.Log(HangfireLevel.Error, () => "Unable to update heartbeat on the resource 'HangFire:job:7:state-lock'. The resource is not locked or is locked by another owner.");
        lockLog.Log(HangfireLevel.Error, () => "Unable to update heartbeat on the resource 'HangFire:job:7:state-lock'. SQLite.SQLiteException: disk I/O error");
        lockLog.Log(HangfireLevel.Error, () => "Unable to clean up locks", new InvalidOperationException("boom"));
        provider.GetLogger("Hangfire.Server.Worker").Log(HangfireLevel.Error, () => "The resource is not locked or is locked by another owner.");

        Assert.Equal(
            [LogLevel.Warning, LogLevel.Error, LogLevel.Error, LogLevel.Error],
            sink.Select(e => e.Level));
        Assert.All(sink.Take(2), e => Assert.StartsWith("Unable to update heartbeat", e.Message, StringComparison.Ordinal));
    }
}
