using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coopah.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InboxBodiesApart : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "GarminInboxBodies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Body = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GarminInboxBodies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GarminInboxBodies_GarminInbox_Id",
                        column: x => x.Id,
                        principalTable: "GarminInbox",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Bodies move to their own table before the column goes.
            migrationBuilder.Sql("INSERT INTO \"GarminInboxBodies\" (\"Id\", \"Body\") SELECT \"Id\", \"Body\" FROM \"GarminInbox\";");

            migrationBuilder.DropColumn(
                name: "Body",
                table: "GarminInbox");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "Body",
                table: "GarminInbox",
                type: "BLOB",
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.Sql("UPDATE \"GarminInbox\" SET \"Body\" = (SELECT \"Body\" FROM \"GarminInboxBodies\" b WHERE b.\"Id\" = \"GarminInbox\".\"Id\");");

            migrationBuilder.DropTable(
                name: "GarminInboxBodies");
        }
    }
}
