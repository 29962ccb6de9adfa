using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coopah.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class HorizonPerLocalDay : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "HorizonMovedOnLocalDate",
                table: "GarminLinks",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "HorizonMovedOnLocalDate",
                table: "GarminLinks");
        }
    }
}
