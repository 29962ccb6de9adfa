using Coopah.Web.Tests.Infrastructure;
using System.Text;
using Coopah.Web.Data;
using Coopah.Web.Garmin.Inbox;
using Coopah.Web.Tests.TestObjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coopah.Web.Tests.Garmin.Inbox;

/// <summary>
/// The writer inserts through SQLite's C API rather than EF: what it stores must read back through EF exactly,
/// each row with its own body, and a row the database refuses must fail alone.
/// </summary>
public sealed class GarminInboxWriterTests(WebhookFactory factory) : IClassFixture<WebhookFactory>
{
    private GarminInboxWriter Writer => factory.Services.GetRequiredService<GarminInboxWriter>();

    [Fact]
    public async Task Append_StoresEveryColumnAsEfReadsIt()
    {
        // Sub-millisecond ticks and a body with bytes that are not text survive the round trip.
        // The finest instant each engine keeps: SQLite's text keeps ticks, PostgreSQL's timestamptz microseconds.
        var step = TestDatabase.IsPostgres ? 10 : 1;
        var received = new DateTime(2026, 11, 24, 6, 7, 8, DateTimeKind.Utc).AddTicks(1_234_567 / step * step);
        var body = new byte[] { 0x7B, 0x00, 0xFF, 0x7D };
        var withSource = Message("activityFiles", body, received, source: "203.0.113.7", ping: true, users: "u-1 u-2");
        var withoutSource = Message("activities", body, received.AddTicks(step), source: null, ping: false, users: "u-3");

        await Writer.AppendAsync(withSource, CancellationToken.None);
        await Writer.AppendAsync(withoutSource, CancellationToken.None);

        var stored = await factory.QueryAsync(db => db.GarminInbox.AsNoTracking()
            .Where(m => m.Id == withSource.Id || m.Id == withoutSource.Id).OrderBy(m => m.Id).ToListAsync());
        Assert.Equal(2, stored.Count);
        Assert.True(withSource.Id < withoutSource.Id);
        var first = stored[0];
        Assert.Equal(("activityFiles", received), (first.Type, first.ReceivedAtUtc));
        Assert.Equal(body, first.Body);
        Assert.Equal((4, "203.0.113.7", true, 2, "u-1 u-2"), (first.BodyLength, first.SourceAddress, first.IsPing, first.ItemCount, first.GarminUserIds));
        Assert.Equal(0, first.IgnoredItemCount);
        var second = stored[1];
        Assert.Equal(("activities", received.AddTicks(step), (string?)null, false, "u-3"), (second.Type, second.ReceivedAtUtc, second.SourceAddress, second.IsPing, second.GarminUserIds));

        // The dashboard's 24-hour window compares the stored text with EF's own parameters.
        var inWindow = await factory.QueryAsync(db => db.GarminInbox
            .Where(m => m.ReceivedAtUtc >= received && m.ReceivedAtUtc < received.AddTicks(step)).Select(m => m.Id).ToListAsync());
        Assert.Equal([withSource.Id], inWindow);
    }

    [Trait("Database", TestDatabase.SqliteOnly)]
    [Fact]
    public async Task Append_ByDefault_CommitsWithSynchronousFull()
    {
        // FULL: the WAL is synced to disk before the commit returns, so the 200 survives a power cut; the other
        // connections keep NORMAL.
        await Writer.AppendAsync(Message("activities", Push("writer-full"), DateTime.UtcNow, source: null, ping: false, users: "nobody"), CancellationToken.None);

        Assert.Equal("FULL", Writer.Durability);
        var others = await factory.QueryAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA synchronous;";
            return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        });
        Assert.Equal(1, others);
    }

    [Fact]
    public async Task ConcurrentAppends_CommitEveryRowUnderItsOwnIdWithItsOwnBody()
    {
        var messages = Enumerable.Range(0, 300)
            .Select(i => Message("activities", Push($"writer-{i}"), DateTime.UtcNow, source: null, ping: false, users: "nobody"))
            .ToList();

        var writer = Writer;
        await Task.WhenAll(messages.Select(m => Task.Run(() => writer.AppendAsync(m, CancellationToken.None))));

        Assert.Equal(messages.Count, messages.Select(m => m.Id).Distinct().Count());
        Assert.All(messages, m => Assert.True(m.Id > 0));
        var ids = messages.Select(m => m.Id).ToList();
        var bodies = await factory.QueryAsync(db => db.GarminInbox.AsNoTracking()
            .Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => Encoding.UTF8.GetString(m.Body)));
        Assert.All(messages, m => Assert.Equal(Encoding.UTF8.GetString(m.Body), bodies[m.Id]));
    }

    [Fact]
    public async Task RefusedRow_FailsAloneWhileItsBatchNeighboursCommit()
    {
        // GarminUserIds is NOT NULL: the database refuses this row inside whatever batch it lands in.
        var refused = Message("activities", "{\"refused\":1}"u8.ToArray(), DateTime.UtcNow, source: null, ping: false, users: null!);
        var neighbours = Enumerable.Range(0, 40)
            .Select(i => Message("activities", Push($"neighbour-{i}"), DateTime.UtcNow, source: null, ping: false, users: "nobody"))
            .ToList();

        var writer = Writer;
        var refusedAppend = Task.Run(() => writer.AppendAsync(refused, CancellationToken.None));
        await Task.WhenAll(neighbours.Select(m => Task.Run(() => writer.AppendAsync(m, CancellationToken.None))));

        var error = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => refusedAppend);
        // SQLite says "NOT NULL constraint failed", PostgreSQL "violates not-null constraint".
        Assert.Contains("not null", error.Message.Replace('-', ' '), StringComparison.OrdinalIgnoreCase);
        var ids = neighbours.Select(m => m.Id).ToList();
        Assert.Equal(neighbours.Count, await factory.QueryAsync(db => db.GarminInbox.CountAsync(m => ids.Contains(m.Id))));
        Assert.Equal(0, await factory.QueryAsync(db => db.GarminInbox.CountAsync(m => m.GarminUserIds == null)));

        // The writer starts again from a fresh connection and keeps storing.
        var after = Message("activities", "{\"after\":1}"u8.ToArray(), DateTime.UtcNow, source: null, ping: false, users: "nobody");
        await writer.AppendAsync(after, CancellationToken.None);
        Assert.Equal("{\"after\":1}", await factory.QueryAsync(db => db.GarminInbox.Where(m => m.Id == after.Id).Select(m => Encoding.UTF8.GetString(m.Body)).SingleAsync()));
    }

    private static byte[] Push(string summaryId) => Encoding.UTF8.GetBytes(GarminPayloads.Activities(GarminPayloads.Summary("nobody", summaryId)));

    private static GarminInboxMessage Message(string type, byte[] body, DateTime received, string? source, bool ping, string users) => new()
    {
        Type = type,
        Body = body,
        BodyLength = body.Length,
        ReceivedAtUtc = received,
        SourceAddress = source,
        IsPing = ping,
        ItemCount = users?.Split(' ').Length ?? 0,
        GarminUserIds = users!,
        Status = InboxStatus.Pending,
    };
}
