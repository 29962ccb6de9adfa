using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coopah.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RunsCountsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Runs_RunnerId_IsRunning_ReviewedAtUtc_LocalDate",
                table: "Runs",
                columns: new[] { "RunnerId", "IsRunning", "ReviewedAtUtc", "LocalDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Runs_RunnerId_IsRunning_ReviewedAtUtc_LocalDate",
                table: "Runs");
        }
    }
}
