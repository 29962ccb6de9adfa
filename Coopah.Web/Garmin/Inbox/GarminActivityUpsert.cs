using System.Data.Common;
using Coopah.Web.Data;
using Microsoft.EntityFrameworkCore.Storage;

namespace Coopah.Web.Garmin.Inbox;

/// <summary>
/// Writes activities with one prepared <c>INSERT ... ON CONFLICT DO UPDATE ... WHERE</c> (SQLite and PostgreSQL
/// share the syntax) instead of EF change tracking. "Latest delivery wins" is decided by the database in the
/// same statement - a row is only overwritten by a delivery from a later inbox row - so concurrent jobs need no
/// read-check-write and no retry, and a burst of new summaries costs one statement execution each rather than
/// a tracked entity and a freshly prepared INSERT.
/// </summary>
public static class GarminActivityUpsert
{
    private static readonly string[] Columns =
    [
        "UserId", "GarminUserId", "SummaryType", "SummaryId", "ActivityId", "ActivityType", "Name", "StartTimeUtc",
        "StartTimeOffsetSeconds", "LocalDate", "DurationSeconds", "DistanceMetres", "AverageSpeedMetresPerSecond",
        "AverageHeartRate", "MaxHeartRate", "DeviceName", "Manual", "SampleCount", "LapCount", "ItemJson",
        "SourceInboxId", "UpdatedAtUtc", "NeedsMatching",
    ];

    private static readonly string Sql =
        $"INSERT INTO \"GarminActivities\" ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) " +
        $"VALUES ({string.Join(", ", Columns.Select(c => "@" + c))}) " +
        "ON CONFLICT (\"SummaryType\", \"SummaryId\") DO UPDATE SET " +
        string.Join(", ", Columns.Where(c => c is not ("SummaryType" or "SummaryId")).Select(c => $"\"{c}\" = excluded.\"{c}\"")) +
        " WHERE excluded.\"SourceInboxId\" > \"GarminActivities\".\"SourceInboxId\";";

    /// <summary>Upserts <paramref name="activities"/> in order, inside the context's current transaction.</summary>
    public static async Task ExecuteAsync(CoopahDbContext db, IReadOnlyList<GarminActivity> activities, CancellationToken cancellationToken)
    {
        if (activities.Count == 0)
        {
            return;
        }

        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Activities are upserted inside the transaction that records their inbox rows.");
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Sql;
        var parameters = Columns.ToDictionary(c => c, c =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + c;
            command.Parameters.Add(parameter);
            return parameter;
        });
        var prepared = false;
        foreach (var a in activities)
        {
            Set(parameters, "UserId", a.UserId);
            Set(parameters, "GarminUserId", a.GarminUserId);
            Set(parameters, "SummaryType", a.SummaryType);
            Set(parameters, "SummaryId", a.SummaryId);
            Set(parameters, "ActivityId", a.ActivityId);
            Set(parameters, "ActivityType", a.ActivityType);
            Set(parameters, "Name", a.Name);
            Set(parameters, "StartTimeUtc", a.StartTimeUtc);
            Set(parameters, "StartTimeOffsetSeconds", a.StartTimeOffsetSeconds);
            Set(parameters, "LocalDate", a.LocalDate);
            Set(parameters, "DurationSeconds", a.DurationSeconds);
            Set(parameters, "DistanceMetres", a.DistanceMetres);
            Set(parameters, "AverageSpeedMetresPerSecond", a.AverageSpeedMetresPerSecond);
            Set(parameters, "AverageHeartRate", a.AverageHeartRate);
            Set(parameters, "MaxHeartRate", a.MaxHeartRate);
            Set(parameters, "DeviceName", a.DeviceName);
            Set(parameters, "Manual", a.Manual);
            Set(parameters, "SampleCount", a.SampleCount);
            Set(parameters, "LapCount", a.LapCount);
            Set(parameters, "ItemJson", a.ItemJson);
            Set(parameters, "SourceInboxId", a.SourceInboxId);
            Set(parameters, "UpdatedAtUtc", a.UpdatedAtUtc);
            Set(parameters, "NeedsMatching", a.NeedsMatching);
            if (!prepared)
            {
                // After the first row's values are bound: PostgreSQL prepares with the parameters' types, taken from them.
                await command.PrepareAsync(cancellationToken);
                prepared = true;
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static void Set(Dictionary<string, DbParameter> parameters, string column, object? value) =>
        parameters[column].Value = value ?? DBNull.Value;
}
