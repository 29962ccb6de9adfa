using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coopah.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PlanPublishing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Published",
                table: "PlanTemplates",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // Plans with sessions were offered to runners before drafts existed; they stay offered.
            migrationBuilder.Sql("UPDATE PlanTemplates SET Published = 1 WHERE EXISTS (SELECT 1 FROM PlanTemplateSessions s WHERE s.PlanId = PlanTemplates.Id);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Published",
                table: "PlanTemplates");
        }
    }
}
