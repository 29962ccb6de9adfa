using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coopah.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class GarminLinkFlow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "MigrationAttemptedAtUtc",
                table: "GarminLinks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MigrationNote",
                table: "GarminLinks",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "GarminPendingAuthorizations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ProtectedSecret = table.Column<string>(type: "TEXT", nullable: false),
                    CallbackUri = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GarminPendingAuthorizations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GarminPendingAuthorizations_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_GarminPendingAuthorizations_Key",
                table: "GarminPendingAuthorizations",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GarminPendingAuthorizations_UserId",
                table: "GarminPendingAuthorizations",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GarminPendingAuthorizations");

            migrationBuilder.DropColumn(
                name: "MigrationAttemptedAtUtc",
                table: "GarminLinks");

            migrationBuilder.DropColumn(
                name: "MigrationNote",
                table: "GarminLinks");
        }
    }
}
