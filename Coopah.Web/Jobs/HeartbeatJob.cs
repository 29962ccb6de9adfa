namespace Coopah.Web.Jobs;

/// <summary>Recurring proof that the Hangfire server is alive; the admin dashboard shows the last beat.</summary>
public sealed partial class HeartbeatJob(HeartbeatState state, TimeProvider time, ILogger<HeartbeatJob> logger)
{
    public Task RunAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = time.GetUtcNow();
        state.Beat(now);
        LogBeat(now);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Heartbeat at {Now}")]
    private partial void LogBeat(DateTimeOffset now);
}

public sealed class HeartbeatState
{
    private long _lastBeatTicks;

    public DateTimeOffset? LastBeat
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastBeatTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    public void Beat(DateTimeOffset now) => Interlocked.Exchange(ref _lastBeatTicks, now.UtcTicks);
}
