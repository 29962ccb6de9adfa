using System.Collections.Concurrent;
using Coopah.Web.Jobs;
using Microsoft.Extensions.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;

namespace Coopah.Web.Tests.Jobs;

public sealed class HostLogProviderTests
{
    [Fact]
    public void SqliteLockHeartbeatOnALostLock_IsAWarning_OtherErrorsStayErrors()
    {
        var sink = new ConcurrentQueue<(string Category, LogLevel Level, string Message)>();
        using var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new SinkProvider(sink)));
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

    private sealed class SinkProvider(ConcurrentQueue<(string, LogLevel, string)> sink) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new SinkLogger(categoryName, sink);

        public void Dispose()
        {
        }
    }

    private sealed class SinkLogger(string category, ConcurrentQueue<(string, LogLevel, string)> sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Enqueue((category, logLevel, formatter(state, exception)));
    }
}
