namespace Coopah.Web.Data;

/// <summary>
/// SQLite lets one connection write at a time, and a writer that finds the lock taken sleeps in SQLite's busy
/// handler (1, 2, 5, 10 ms ...) rather than being woken when the lock frees. The webhook intake and the inbox
/// processing write constantly during a burst, so they take turns here first: a hand-over is immediate, and
/// the intake (whose latency Garmin sees) goes ahead of any waiting processing transaction. PostgreSQL has no
/// database-wide write lock, and instances could not share this gate anyway, so there it lets everyone through.
/// </summary>
public sealed class DatabaseWriteGate(bool serializeWriters = true)
{
    private readonly Lock _sync = new();
    private readonly Queue<TaskCompletionSource> _urgent = new();
    private readonly Queue<TaskCompletionSource> _background = new();
    private bool _held;

    /// <summary>Waits for the turn to write; dispose the result to pass the turn on.</summary>
    public ValueTask<Turn> EnterAsync(bool urgent)
    {
        if (!serializeWriters)
        {
            return ValueTask.FromResult(default(Turn));
        }

        TaskCompletionSource waiter;
        lock (_sync)
        {
            if (!_held)
            {
                _held = true;
                return ValueTask.FromResult(new Turn(this));
            }

            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            (urgent ? _urgent : _background).Enqueue(waiter);
        }

        return WaitAsync(waiter.Task);
    }

    private async ValueTask<Turn> WaitAsync(Task turn)
    {
        await turn;
        return new Turn(this);
    }

    private void Exit()
    {
        TaskCompletionSource? next;
        lock (_sync)
        {
            if (!_urgent.TryDequeue(out next) && !_background.TryDequeue(out next))
            {
                _held = false;
                return;
            }
        }

        // The turn passes straight to the next waiter: _held stays true.
        next.SetResult();
    }

    /// <summary>A turn; the default one (an unserialized gate) has nothing to pass on.</summary>
    public readonly struct Turn(DatabaseWriteGate? gate) : IDisposable
    {
        public void Dispose() => gate?.Exit();
    }
}
