using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coopah.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ActivityLatestWinsToken : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
