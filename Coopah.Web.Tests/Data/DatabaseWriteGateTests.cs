using Coopah.Web.Data;
using Coopah.Web.Tests.Infrastructure;

namespace Coopah.Web.Tests.Data;

public sealed class DatabaseWriteGateTests
{
    [Fact]
    public async Task SecondWriter_WaitsUntilTheFirstPassesItsTurn()
    {
        var gate = new DatabaseWriteGate();
        var first = await gate.EnterAsync(urgent: false);

        // The gate queues the waiter synchronously and only Exit completes it, so no wait is needed to see it blocked.
        var second = gate.EnterAsync(urgent: false).AsTask();
        Assert.False(second.IsCompleted);

        first.Dispose();
        (await second).Dispose();
        using var third = await gate.EnterAsync(urgent: false);
    }

    [Fact]
    public async Task OnPostgres_TheGateLetsEveryWriterThrough()
    {
        // PostgreSQL locks rows, not the database: writers there must not queue behind each other in-process.
        var gate = new DatabaseWriteGate(serializeWriters: false);
        using var first = await gate.EnterAsync(urgent: false);

        var second = gate.EnterAsync(urgent: false);

        Assert.True(second.IsCompleted);
        (await second).Dispose();
    }

    [Fact]
    public async Task UrgentWaiter_GoesAheadOfBackgroundWaitersThatCameFirst()
    {
        var gate = new DatabaseWriteGate();
        var order = new List<string>();
        var holder = await gate.EnterAsync(urgent: false);
        var background = Enter(gate, urgent: false, "background", order);
        var urgent = Enter(gate, urgent: true, "urgent", order);

        holder.Dispose();
        await Task.WhenAll(background, urgent);

        Assert.Equal(["urgent", "background"], order);
    }

    [Fact]
    public async Task BusyUrgentWriter_DoesNotStarveBackgroundWriters()
    {
        var gate = new DatabaseWriteGate();
        var backgroundDone = false;
        var urgentTurns = 0;
        using var stop = new CancellationTokenSource();
        var urgentLoop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using (await gate.EnterAsync(urgent: true))
                {
                    urgentTurns++;
                    await Task.Yield();
                }
            }
        });

        await Poll.UntilAsync(() => Volatile.Read(ref urgentTurns) > 10, "more than ten urgent turns");
        using (await gate.EnterAsync(urgent: false))
        {
            backgroundDone = true;
        }

        await stop.CancelAsync();
        await urgentLoop;
        Assert.True(backgroundDone);
    }

    [Fact]
    public async Task ManyConcurrentWriters_NeverOverlap()
    {
        var gate = new DatabaseWriteGate();
        var inside = 0;
        var maxInside = 0;

        await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
        {
            using (await gate.EnterAsync(urgent: i % 3 == 0))
            {
                var now = Interlocked.Increment(ref inside);
                InterlockedMax(ref maxInside, now);
                await Task.Delay(1);
                Interlocked.Decrement(ref inside);
            }
        })));

        Assert.Equal(1, maxInside);
    }

    private static async Task Enter(DatabaseWriteGate gate, bool urgent, string name, List<string> order)
    {
        using (await gate.EnterAsync(urgent))
        {
            lock (order)
            {
                order.Add(name);
            }
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
