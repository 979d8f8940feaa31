using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Candor.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AdvertiserParties : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "advertiser_parties",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    advertiser_id = table.Column<long>(type: "INTEGER", nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_advertiser_parties", x => x.id);
                    table.ForeignKey(
                        name: "fk_advertiser_parties_advertisers_advertiser_id",
                        column: x => x.advertiser_id,
                        principalTable: "advertisers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_advertiser_parties_advertiser_id_role_name",
                table: "advertiser_parties",
                columns: new[] { "advertiser_id", "role", "name" },
                unique: true);

            // The parties existing ads already name (the same SQL on both engines).
            migrationBuilder.Sql("""
                INSERT INTO advertiser_parties (advertiser_id, role, name)
                SELECT DISTINCT advertiser_id, 'payer', payer FROM ads WHERE payer IS NOT NULL AND trim(payer) <> ''
                UNION
                SELECT DISTINCT advertiser_id, 'beneficiary', beneficiary FROM ads WHERE beneficiary IS NOT NULL AND trim(beneficiary) <> ''
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "advertiser_parties");
        }
    }
}
