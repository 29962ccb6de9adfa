using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coopah.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RunMatching : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Runs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunnerId = table.Column<string>(type: "TEXT", nullable: false),
                    ActivityKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ActivityType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    IsRunning = table.Column<bool>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    StartTimeUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartTimeOffsetSeconds = table.Column<int>(type: "INTEGER", nullable: false),
                    LocalDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    TimerSeconds = table.Column<double>(type: "REAL", nullable: true),
                    DistanceMetres = table.Column<double>(type: "REAL", nullable: true),
                    AverageHeartRate = table.Column<int>(type: "INTEGER", nullable: true),
                    MaxHeartRate = table.Column<int>(type: "INTEGER", nullable: true),
                    HasDetails = table.Column<bool>(type: "INTEGER", nullable: false),
                    HasFitFile = table.Column<bool>(type: "INTEGER", nullable: false),
                    SessionId = table.Column<int>(type: "INTEGER", nullable: true),
                    Method = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    MatchLocked = table.Column<bool>(type: "INTEGER", nullable: false),
                    IntervalSource = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true),
                    Score = table.Column<int>(type: "INTEGER", nullable: true),
                    Colour = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    CompletionPercent = table.Column<int>(type: "INTEGER", nullable: true),
                    TimeInTarget = table.Column<double>(type: "REAL", nullable: true),
                    IntervalsJson = table.Column<string>(type: "TEXT", nullable: false),
                    SplitsJson = table.Column<string>(type: "TEXT", nullable: false),
                    TraceJson = table.Column<string>(type: "TEXT", nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    MatchedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReviewedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReviewedById = table.Column<string>(type: "TEXT", nullable: true),
                    Flagged = table.Column<bool>(type: "INTEGER", nullable: false),
                    NeedsAnalysis = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Runs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Runs_AspNetUsers_RunnerId",
                        column: x => x.RunnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Runs_RunnerSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "RunnerSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "RunComments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<long>(type: "INTEGER", nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RunComments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RunComments_AspNetUsers_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RunComments_Runs_RunId",
                        column: x => x.RunId,
                        principalTable: "Runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RunComments_AuthorId",
                table: "RunComments",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_RunComments_RunId_CreatedAtUtc",
                table: "RunComments",
                columns: new[] { "RunId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Runs_RunnerId_ActivityKey",
                table: "Runs",
                columns: new[] { "RunnerId", "ActivityKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Runs_RunnerId_LocalDate",
                table: "Runs",
                columns: new[] { "RunnerId", "LocalDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Runs_RunnerId_ReviewedAtUtc_StartTimeUtc",
                table: "Runs",
                columns: new[] { "RunnerId", "ReviewedAtUtc", "StartTimeUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Runs_SessionId",
                table: "Runs",
                column: "SessionId",
                unique: true,
                filter: "\"SessionId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RunComments");

            migrationBuilder.DropTable(
                name: "Runs");
        }
    }
}
