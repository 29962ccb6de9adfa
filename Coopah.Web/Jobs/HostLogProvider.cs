using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace Coopah.Web.Jobs;

/// <summary>
/// Hangfire keeps its log provider in a process-wide static. When several hosts share a process (integration
/// tests, side-by-side benchmarks) the provider can outlive the host whose logger factory it wraps; this one
/// then stays silent instead of throwing inside Hangfire's workers.
/// <para>
/// Hangfire.Storage.SQLite logs "Unable to update heartbeat ... The resource is not locked or is locked by another
/// owner" as an error whenever a lock's keep-alive timer fires after the lock was released or expired (its issue
/// tracker is full of it); the jobs are unaffected and idempotent anyway. That one message becomes a warning, so
/// errors in the log stay errors worth reading; every other message, including a heartbeat that failed with an
/// exception, keeps its level.
/// </para>
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory loggerFactory) : ILogProvider
{
    internal const string SqliteLockLogger = "Hangfire.Storage.SQLite.SQLiteDistributedLock";
    internal const string LostLockHeartbeat = "is not locked or is locked by another owner";

    private readonly AspNetCoreLogProvider _inner = new(loggerFactory);

    public ILog GetLogger(string name)
    {
        try
        {
            var logger = _inner.GetLogger(name);
            return string.Equals(name, SqliteLockLogger, StringComparison.Ordinal) ? new LockHeartbeatLog(logger) : logger;
        }
        catch (ObjectDisposedException)
        {
            return SilentLog.Instance;
        }
    }

    private sealed class LockHeartbeatLog(ILog inner) : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            if (messageFunc is not null && logLevel == Hangfire.Logging.LogLevel.Error && exception is null)
            {
                var message = messageFunc();
                if (message.Contains(LostLockHeartbeat, StringComparison.Ordinal))
                {
                    return inner.Log(Hangfire.Logging.LogLevel.Warn, () => message);
                }

                return inner.Log(logLevel, () => message);
            }

            return inner.Log(logLevel, messageFunc, exception);
        }
    }

    private sealed class SilentLog : ILog
    {
        public static readonly SilentLog Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
