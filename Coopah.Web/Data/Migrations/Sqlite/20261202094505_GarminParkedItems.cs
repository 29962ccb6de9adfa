using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coopah.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GarminParkedItems : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "GarminParkedItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InboxId = table.Column<long>(type: "INTEGER", nullable: false),
                    ListKey = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ItemIndex = table.Column<int>(type: "INTEGER", nullable: false),
                    GarminUserId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SummaryId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ItemJson = table.Column<string>(type: "TEXT", nullable: false),
                    ParkedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GarminParkedItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GarminParkedItems_GarminInboxBodies_InboxId",
                        column: x => x.InboxId,
                        principalTable: "GarminInboxBodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_GarminParkedItems_InboxId",
                table: "GarminParkedItems",
                column: "InboxId");

            migrationBuilder.CreateIndex(
                name: "IX_GarminParkedItems_ParkedAtUtc",
                table: "GarminParkedItems",
                column: "ParkedAtUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GarminParkedItems");
        }
    }
}
