namespace Coopah.Web.Sandbox;

/// <summary>Failures injected into the emulated Garmin: the next answers of an operation, forced to an error status.</summary>
public sealed class SandboxFaults
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<int>> _faults = new(StringComparer.Ordinal);

    /// <summary>The next <paramref name="times"/> calls of <paramref name="operation"/> (see <see cref="SandboxOperations"/>) answer <paramref name="statusCode"/>.</summary>
    public void FailNext(string operation, int statusCode, int times = 1)
    {
        lock (_gate)
        {
            if (!_faults.TryGetValue(operation, out var queue))
            {
                _faults[operation] = queue = new Queue<int>();
            }

            for (var i = 0; i < times; i++)
            {
                queue.Enqueue(statusCode);
            }
        }
    }

    internal int? TakeFault(string operation)
    {
        lock (_gate)
        {
            return _faults.TryGetValue(operation, out var queue) && queue.TryDequeue(out var status) ? status : null;
        }
    }
}
