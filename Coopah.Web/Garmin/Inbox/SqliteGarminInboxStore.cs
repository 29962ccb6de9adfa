using System.Data.Common;
using System.Globalization;
using Coopah.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SQLitePCL;

namespace Coopah.Web.Garmin.Inbox;

/// <summary>
/// The inbox on SQLite. The writer's connection runs with <see cref="DataOptions.InboxSynchronous"/> (FULL by
/// default), so a group's commit includes the WAL's sync to the disk and the 200 survives a power cut. Ids travel to
/// the claim as one JSON array (<c>json_each</c>): one statement text for any batch, no parameter per id.
/// </summary>
public sealed class SqliteGarminInboxStore(IDbContextFactory<CoopahDbContext> dbFactory, IOptions<DataOptions> dataOptions) : IGarminInboxStore
{
    private const string InsertSql =
        "INSERT INTO \"GarminInbox\" (\"Type\", \"ReceivedAtUtc\", \"BodyLength\", \"SourceAddress\", \"IsPing\", \"ItemCount\", \"GarminUserIds\", \"Status\", \"Attempts\", \"IgnoredItemCount\", \"PullCount\") " +
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0, 0, 0);";

    /// <summary>The body goes to its own table (see the GarminInbox mapping), under its message's id.</summary>
    private const string InsertBodySql = "INSERT INTO \"GarminInboxBodies\" (\"Id\", \"Body\") VALUES (?1, ?2);";

    private static readonly string PendingStatus = InboxStatus.Pending.ToString();

    private readonly string _synchronous = SqlitePragmaInterceptor.Validate(dataOptions.Value.InboxSynchronous, "Coopah:InboxSynchronous");

    public async Task<IGarminInboxInsertSession> OpenInsertSessionAsync(CancellationToken cancellationToken) =>
        await InsertSession.OpenAsync(dbFactory, _synchronous);

    public async Task<List<GarminInboxMessage>> ClaimAsync(IReadOnlyCollection<long> inboxIds, InboxLease lease, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var claim = db.Database.GetDbConnection().CreateCommand();
        claim.CommandText =
            "UPDATE \"GarminInbox\" SET \"LeaseUntilUtc\" = @lease, \"LeaseOwner\" = @owner, \"Attempts\" = \"Attempts\" + 1 " +
            "WHERE \"Status\" = @pending AND (\"LeaseUntilUtc\" IS NULL OR \"LeaseUntilUtc\" < @now) " +
            "AND \"Id\" IN (SELECT value FROM json_each(@ids)) RETURNING \"Id\", \"Type\", \"IsPing\";";
        AddParameter(claim, "@lease", lease.UntilUtc);
        AddParameter(claim, "@owner", lease.Owner);
        AddParameter(claim, "@now", lease.NowUtc);
        AddParameter(claim, "@pending", PendingStatus);
        AddParameter(claim, "@ids", ToJsonArray(inboxIds));
        var claimed = new List<GarminInboxMessage>(inboxIds.Count);
        await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new GarminInboxMessage { Id = reader.GetInt64(0), Type = reader.GetString(1), IsPing = reader.GetBoolean(2), Body = [] });
        }

        return claimed;
    }

    public async Task<Dictionary<long, byte[]>> ReadBodiesAsync(IReadOnlyCollection<long> inboxIds, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var select = db.Database.GetDbConnection().CreateCommand();
        select.CommandText = "SELECT \"Id\", \"Body\" FROM \"GarminInboxBodies\" WHERE \"Id\" IN (SELECT value FROM json_each(@ids));";
        AddParameter(select, "@ids", ToJsonArray(inboxIds));
        var bodies = new Dictionary<long, byte[]>(inboxIds.Count);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            bodies[reader.GetInt64(0)] = (byte[])reader.GetValue(1);
        }

        return bodies;
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static string ToJsonArray(IEnumerable<long> ids) =>
        "[" + string.Join(',', ids.Select(id => id.ToString(CultureInfo.InvariantCulture))) + "]";

/// <summary>
    /// The writer's own connection with its two INSERTs prepared once, driven through SQLite's C API: the writer
    /// is the serial part of intake, and Microsoft.Data.Sqlite's per-execution work (a data reader, parameters
    /// looked up by name, value conversion) cost more than the inserts themselves.
    /// </summary>
    private sealed class InsertSession : IGarminInboxInsertSession
    {
        // Microsoft.Data.Sqlite's text form of a DateTime, which EF Core reads back and compares against.
        private const string DateTimeFormat = @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF";

        private readonly CoopahDbContext _db;
        private readonly sqlite3 _handle;
        private readonly sqlite3_stmt _insert;
        private readonly sqlite3_stmt _insertBody;

        private InsertSession(CoopahDbContext db, sqlite3 handle, sqlite3_stmt insert, sqlite3_stmt insertBody)
        {
            _db = db;
            _handle = handle;
            _insert = insert;
            _insertBody = insertBody;
        }

        public static async Task<InsertSession> OpenAsync(IDbContextFactory<CoopahDbContext> dbFactory, string synchronous)
        {
            var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            sqlite3_stmt? insert = null;
            try
            {
                await db.Database.OpenConnectionAsync(CancellationToken.None);
                var handle = ((SqliteConnection)db.Database.GetDbConnection()).Handle!;
                // Per connection, after the interceptor's defaults: only the inbox's commits wait for the disk.
                Check(handle, raw.sqlite3_exec(handle, $"PRAGMA synchronous={synchronous};"));
                var applied = ReadSynchronous(handle);
                insert = Prepare(handle, InsertSql);
                Check(handle, raw.sqlite3_bind_text(insert, 8, PendingStatus));
                var insertBody = Prepare(handle, InsertBodySql);
                return new InsertSession(db, handle, insert, insertBody) { Synchronous = applied };
            }
            catch
            {
                insert?.Dispose();
                await db.DisposeAsync();
                throw;
            }
        }

        /// <summary>SQLite's <c>synchronous</c> level on this connection as read back (0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA).</summary>
        public int Synchronous { get; private init; }

        private static int ReadSynchronous(sqlite3 handle)
        {
            using var statement = Prepare(handle, "PRAGMA synchronous;");
            return raw.sqlite3_step(statement) == raw.SQLITE_ROW ? raw.sqlite3_column_int(statement, 0) : -1;
        }

        /// <summary>Inserts the rows in one transaction: every row of it commits together or none does.</summary>
        public Task<long[]> InsertAsync(IReadOnlyList<GarminInboxMessage> rows) => Task.FromResult(Insert(rows));

        /// <summary>SQLite's synchronous level name, as read back from the connection.</summary>
        public string Durability => Synchronous switch { 0 => "OFF", 1 => "NORMAL", 2 => "FULL", 3 => "EXTRA", _ => "unknown" };

        private long[] Insert(IReadOnlyList<GarminInboxMessage> rows)
        {
            Check(_handle, raw.sqlite3_exec(_handle, "BEGIN IMMEDIATE;"));
            try
            {
                var ids = new long[rows.Count];
                for (var i = 0; i < rows.Count; i++)
                {
                    var message = rows[i];
                    Check(_handle, raw.sqlite3_bind_text(_insert, 1, message.Type));
                    Check(_handle, raw.sqlite3_bind_text(_insert, 2, message.ReceivedAtUtc.ToString(DateTimeFormat, CultureInfo.InvariantCulture)));
                    Check(_handle, raw.sqlite3_bind_int64(_insert, 3, message.BodyLength));
                    Check(_handle, message.SourceAddress is null ? raw.sqlite3_bind_null(_insert, 4) : raw.sqlite3_bind_text(_insert, 4, message.SourceAddress));
                    Check(_handle, raw.sqlite3_bind_int(_insert, 5, message.IsPing ? 1 : 0));
                    Check(_handle, raw.sqlite3_bind_int(_insert, 6, message.ItemCount));
                    Check(_handle, raw.sqlite3_bind_text(_insert, 7, message.GarminUserIds));
                    Step(_insert);
                    ids[i] = raw.sqlite3_last_insert_rowid(_handle);

                    Check(_handle, raw.sqlite3_bind_int64(_insertBody, 1, ids[i]));
                    Check(_handle, raw.sqlite3_bind_blob(_insertBody, 2, message.Body));
                    Step(_insertBody);
                }

                Check(_handle, raw.sqlite3_exec(_handle, "COMMIT;"));
                return ids;
            }
            catch
            {
                // A failed COMMIT may leave the transaction open; with no transaction this is a harmless error.
                raw.sqlite3_exec(_handle, "ROLLBACK;");
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            _insert.Dispose();
            _insertBody.Dispose();
            await _db.DisposeAsync();
        }

        private void Step(sqlite3_stmt statement)
        {
            var rc = raw.sqlite3_step(statement);
            // Reset reports the step's error again and frees the statement for the next row either way.
            raw.sqlite3_reset(statement);
            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, _handle);
            }
        }

        private static sqlite3_stmt Prepare(sqlite3 handle, string sql)
        {
            Check(handle, raw.sqlite3_prepare_v2(handle, sql, out var statement));
            return statement;
        }

        private static void Check(sqlite3 handle, int rc)
        {
            if (rc != raw.SQLITE_OK)
            {
                SqliteException.ThrowExceptionForRC(rc, handle);
            }
        }
    }
}
