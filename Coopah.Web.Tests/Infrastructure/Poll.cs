using System.Diagnostics;

namespace Coopah.Web.Tests.Infrastructure;

/// <summary>
/// The one way tests wait for background work (Hangfire jobs, the push sender): read until a condition holds, or
/// fail with a message that says what was last seen. Never a fixed sleep.
/// </summary>
internal static class Poll
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Reads until <paramref name="done"/> holds and returns that value; on timeout throws with <paramref name="describe"/> of the last value.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, Func<T, Task<string>>? describe = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (clock.Elapsed > (timeout ?? DefaultTimeout))
            {
                throw new TimeoutException(describe is null ? $"The condition was not reached; last value: {value}." : await describe(value));
            }

            await Task.Delay(Interval);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds; on timeout throws naming <paramref name="what"/>.</summary>
    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(condition()), ok => ok, _ => Task.FromResult($"Timed out waiting for: {what}."), timeout ?? TimeSpan.FromSeconds(10));
}
