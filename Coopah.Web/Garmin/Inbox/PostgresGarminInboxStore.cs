using Coopah.Web.Data;
using Npgsql;
using NpgsqlTypes;

namespace Coopah.Web.Garmin.Inbox;

/// <summary>
/// The inbox on PostgreSQL. A group commit is one transaction of two statements whatever its size: the ids are
/// drawn from the table's sequence first (so they follow arrival order, which "latest delivery wins" compares),
/// then rows and bodies go in as arrays through <c>unnest</c>. Commits wait for the WAL flush
/// (<c>synchronous_commit</c>, on by default), so an acknowledged push survives a crash of the server.
/// The claim takes ids as one array parameter (<c>= ANY</c>); concurrent claims from several instances
/// serialize on the rows' locks and the loser's re-checked WHERE skips what the winner took.
/// </summary>
public sealed class PostgresGarminInboxStore(NpgsqlDataSource dataSource) : IGarminInboxStore
{
    private const string NextIdsSql = "SELECT nextval(pg_get_serial_sequence('\"GarminInbox\"', 'Id')) FROM generate_series(1, $1)";

    private const string InsertSql =
        "INSERT INTO \"GarminInbox\" (\"Id\", \"Type\", \"ReceivedAtUtc\", \"BodyLength\", \"SourceAddress\", \"IsPing\", \"ItemCount\", \"GarminUserIds\", \"Status\", \"Attempts\", \"IgnoredItemCount\", \"PullCount\") " +
        "SELECT r.id, r.type, r.received, r.length, r.source, r.ping, r.items, r.users, $9, 0, 0, 0 " +
        "FROM unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::integer[], $5::text[], $6::boolean[], $7::integer[], $8::text[]) " +
        "AS r(id, type, received, length, source, ping, items, users)";

    private const string InsertBodiesSql =
        "INSERT INTO \"GarminInboxBodies\" (\"Id\", \"Body\") SELECT * FROM unnest($1::bigint[], $2::bytea[])";

    private const string ClaimSql =
        "UPDATE \"GarminInbox\" SET \"LeaseUntilUtc\" = $1, \"LeaseOwner\" = $2, \"Attempts\" = \"Attempts\" + 1 " +
        "WHERE \"Status\" = $3 AND (\"LeaseUntilUtc\" IS NULL OR \"LeaseUntilUtc\" < $4) AND \"Id\" = ANY($5) " +
        "RETURNING \"Id\", \"Type\", \"IsPing\"";

    private const string BodiesSql = "SELECT \"Id\", \"Body\" FROM \"GarminInboxBodies\" WHERE \"Id\" = ANY($1)";

    private static readonly string PendingStatus = InboxStatus.Pending.ToString();

    public async Task<IGarminInboxInsertSession> OpenInsertSessionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var show = new NpgsqlCommand("SHOW synchronous_commit", connection);
        var durability = (string?)await show.ExecuteScalarAsync(cancellationToken) ?? "unknown";
        return new InsertSession(dataSource, durability);
    }

    public async Task<List<GarminInboxMessage>> ClaimAsync(IReadOnlyCollection<long> inboxIds, InboxLease lease, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ClaimSql);
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = lease.UntilUtc, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = lease.Owner });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = PendingStatus });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = lease.NowUtc, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. inboxIds] });
        var claimed = new List<GarminInboxMessage>(inboxIds.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new GarminInboxMessage { Id = reader.GetInt64(0), Type = reader.GetString(1), IsPing = reader.GetBoolean(2), Body = [] });
        }

        return claimed;
    }

    public async Task<Dictionary<long, byte[]>> ReadBodiesAsync(IReadOnlyCollection<long> inboxIds, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(BodiesSql);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. inboxIds] });
        var bodies = new Dictionary<long, byte[]>(inboxIds.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            bodies[reader.GetInt64(0)] = reader.GetFieldValue<byte[]>(1);
        }

        return bodies;
    }

    /// <summary>Connections come from the pool per group: nothing to keep open between commits.</summary>
    private sealed class InsertSession(NpgsqlDataSource dataSource, string durability) : IGarminInboxInsertSession
    {
        public string Durability { get; } = durability;

        public async Task<long[]> InsertAsync(IReadOnlyList<GarminInboxMessage> rows)
        {
            await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
            await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
            var ids = new long[rows.Count];
            await using (var next = new NpgsqlCommand(NextIdsSql, connection, transaction))
            {
                next.Parameters.Add(new NpgsqlParameter<int> { TypedValue = rows.Count });
                await using var reader = await next.ExecuteReaderAsync(CancellationToken.None);
                for (var i = 0; await reader.ReadAsync(CancellationToken.None); i++)
                {
                    ids[i] = reader.GetInt64(0);
                }
            }

            Array.Sort(ids);
            await using (var batch = new NpgsqlBatch(connection, transaction))
            {
                var insert = new NpgsqlBatchCommand(InsertSql);
                insert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = ids });
                insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.Type)] });
                insert.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = [.. rows.Select(r => DateTime.SpecifyKind(r.ReceivedAtUtc, DateTimeKind.Utc))], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
                insert.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. rows.Select(r => r.BodyLength)] });
                insert.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. rows.Select(r => r.SourceAddress)] });
                insert.Parameters.Add(new NpgsqlParameter<bool[]> { TypedValue = [.. rows.Select(r => r.IsPing)] });
                insert.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. rows.Select(r => r.ItemCount)] });
                insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.GarminUserIds)] });
                insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = PendingStatus });
                batch.BatchCommands.Add(insert);

                var bodies = new NpgsqlBatchCommand(InsertBodiesSql);
                bodies.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = ids });
                bodies.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. rows.Select(r => r.Body)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
                batch.BatchCommands.Add(bodies);
                await batch.ExecuteNonQueryAsync(CancellationToken.None);
            }

            await transaction.CommitAsync(CancellationToken.None);
            return ids;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
