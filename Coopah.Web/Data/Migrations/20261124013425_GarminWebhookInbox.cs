using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coopah.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class GarminWebhookInbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "GarminActivities",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    GarminUserId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SummaryType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SummaryId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ActivityId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ActivityType = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    StartTimeUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    StartTimeOffsetSeconds = table.Column<int>(type: "INTEGER", nullable: false),
                    LocalDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DurationSeconds = table.Column<int>(type: "INTEGER", nullable: true),
                    DistanceMetres = table.Column<double>(type: "REAL", nullable: true),
                    AverageSpeedMetresPerSecond = table.Column<double>(type: "REAL", nullable: true),
                    AverageHeartRate = table.Column<int>(type: "INTEGER", nullable: true),
                    MaxHeartRate = table.Column<int>(type: "INTEGER", nullable: true),
                    DeviceName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Manual = table.Column<bool>(type: "INTEGER", nullable: false),
                    SampleCount = table.Column<int>(type: "INTEGER", nullable: false),
                    LapCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ItemJson = table.Column<string>(type: "TEXT", nullable: false),
                    SourceInboxId = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    NeedsMatching = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GarminActivities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GarminActivities_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GarminFiles",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    GarminUserId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SummaryId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ActivityId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    FileType = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    StartTimeUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    DownloadedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    NeedsMatching = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GarminFiles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "GarminInbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ReceivedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Body = table.Column<byte[]>(type: "BLOB", nullable: false),
                    BodyLength = table.Column<int>(type: "INTEGER", nullable: false),
                    SourceAddress = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    IsPing = table.Column<bool>(type: "INTEGER", nullable: false),
                    ItemCount = table.Column<int>(type: "INTEGER", nullable: false),
                    GarminUserIds = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ProcessedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LeaseUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    IgnoredItemCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Warnings = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    PullCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GarminInbox", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_GarminActivities_SummaryType_SummaryId",
                table: "GarminActivities",
                columns: new[] { "SummaryType", "SummaryId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GarminActivities_UserId_LocalDate",
                table: "GarminActivities",
                columns: new[] { "UserId", "LocalDate" });

            migrationBuilder.CreateIndex(
                name: "IX_GarminFiles_SummaryId",
                table: "GarminFiles",
                column: "SummaryId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GarminFiles_UserId",
                table: "GarminFiles",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_GarminInbox_ReceivedAtUtc",
                table: "GarminInbox",
                column: "ReceivedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_GarminInbox_Status",
                table: "GarminInbox",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GarminActivities");

            migrationBuilder.DropTable(
                name: "GarminFiles");

            migrationBuilder.DropTable(
                name: "GarminInbox");
        }
    }
}
