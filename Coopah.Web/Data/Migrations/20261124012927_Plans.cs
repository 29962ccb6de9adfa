using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coopah.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Plans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PlanTemplates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    GoalKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    GoalMetres = table.Column<double>(type: "REAL", nullable: false),
                    Weeks = table.Column<int>(type: "INTEGER", nullable: false),
                    MinimumWeeks = table.Column<int>(type: "INTEGER", nullable: false),
                    Archived = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanTemplates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RunnerSessions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunnerId = table.Column<string>(type: "TEXT", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Steps = table.Column<string>(type: "TEXT", nullable: false),
                    SourcePlanKey = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    SourceWeek = table.Column<int>(type: "INTEGER", nullable: true),
                    SourceOrder = table.Column<int>(type: "INTEGER", nullable: true),
                    PlanWeek = table.Column<int>(type: "INTEGER", nullable: false),
                    EditedByHand = table.Column<bool>(type: "INTEGER", nullable: false),
                    Skipped = table.Column<bool>(type: "INTEGER", nullable: false),
                    Deleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    AddedByRunner = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RunnerSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RunnerSessions_AspNetUsers_RunnerId",
                        column: x => x.RunnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlanTemplateSessions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PlanId = table.Column<int>(type: "INTEGER", nullable: false),
                    Week = table.Column<int>(type: "INTEGER", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Steps = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanTemplateSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanTemplateSessions_PlanTemplates_PlanId",
                        column: x => x.PlanId,
                        principalTable: "PlanTemplates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RunnerGoals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunnerId = table.Column<string>(type: "TEXT", nullable: false),
                    PlanId = table.Column<int>(type: "INTEGER", nullable: false),
                    GoalKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    GoalMetres = table.Column<double>(type: "REAL", nullable: false),
                    GoalDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Weeks = table.Column<int>(type: "INTEGER", nullable: true),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RunDays = table.Column<int>(type: "INTEGER", nullable: false),
                    LongRunDay = table.Column<int>(type: "INTEGER", nullable: false),
                    PaceSource = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PaceDistanceMetres = table.Column<double>(type: "REAL", nullable: false),
                    PaceTimeSeconds = table.Column<int>(type: "INTEGER", nullable: false),
                    TimeZoneId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RunnerGoals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RunnerGoals_AspNetUsers_RunnerId",
                        column: x => x.RunnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RunnerGoals_PlanTemplates_PlanId",
                        column: x => x.PlanId,
                        principalTable: "PlanTemplates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PlanTemplateSessions_PlanId_Week_Order",
                table: "PlanTemplateSessions",
                columns: new[] { "PlanId", "Week", "Order" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PlanTemplates_Key",
                table: "PlanTemplates",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RunnerGoals_PlanId",
                table: "RunnerGoals",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_RunnerGoals_RunnerId",
                table: "RunnerGoals",
                column: "RunnerId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RunnerSessions_RunnerId_Date",
                table: "RunnerSessions",
                columns: new[] { "RunnerId", "Date" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PlanTemplateSessions");

            migrationBuilder.DropTable(
                name: "RunnerGoals");

            migrationBuilder.DropTable(
                name: "RunnerSessions");

            migrationBuilder.DropTable(
                name: "PlanTemplates");
        }
    }
}
