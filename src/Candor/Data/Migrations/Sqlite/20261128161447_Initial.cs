using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Candor.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "platforms",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    slug = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platforms", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "advertisers",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    platform_id = table.Column<long>(type: "INTEGER", nullable: false),
                    external_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    legal_name = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    display_name = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    registration_ids_json = table.Column<string>(type: "TEXT", nullable: false),
                    verification_status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    name_search = table.Column<string>(type: "TEXT", nullable: false),
                    content_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_advertisers", x => x.id);
                    table.ForeignKey(
                        name: "fk_advertisers_platforms_platform_id",
                        column: x => x.platform_id,
                        principalTable: "platforms",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "api_tokens",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    platform_id = table.Column<long>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    prefix = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    scopes = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    last_used_at = table.Column<long>(type: "INTEGER", nullable: true),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: true),
                    revoked_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_tokens", x => x.id);
                    table.ForeignKey(
                        name: "fk_api_tokens_platforms_platform_id",
                        column: x => x.platform_id,
                        principalTable: "platforms",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ads",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    platform_id = table.Column<long>(type: "INTEGER", nullable: false),
                    external_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    advertiser_id = table.Column<long>(type: "INTEGER", nullable: false),
                    beneficiary = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    payer = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    title = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    body = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    landing_url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    landing_domain = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    media_json = table.Column<string>(type: "TEXT", nullable: false),
                    format = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    language = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    product = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    subject = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    delivery_start = table.Column<long>(type: "INTEGER", nullable: false),
                    delivery_end = table.Column<long>(type: "INTEGER", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    targeting_json = table.Column<string>(type: "TEXT", nullable: false),
                    reach_total = table.Column<long>(type: "INTEGER", nullable: true),
                    reach_by_country_json = table.Column<string>(type: "TEXT", nullable: false),
                    reach_countries = table.Column<string>(type: "TEXT", nullable: false),
                    impressions_min = table.Column<long>(type: "INTEGER", nullable: true),
                    impressions_max = table.Column<long>(type: "INTEGER", nullable: true),
                    spend_min = table.Column<double>(type: "REAL", precision: 18, scale: 2, nullable: true),
                    spend_max = table.Column<double>(type: "REAL", precision: 18, scale: 2, nullable: true),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    commercial_communication = table.Column<bool>(type: "INTEGER", nullable: false),
                    text_search = table.Column<string>(type: "TEXT", nullable: false),
                    payer_search = table.Column<string>(type: "TEXT", nullable: false),
                    content_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ads", x => x.id);
                    table.ForeignKey(
                        name: "fk_ads_advertisers_advertiser_id",
                        column: x => x.advertiser_id,
                        principalTable: "advertisers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_ads_platforms_platform_id",
                        column: x => x.platform_id,
                        principalTable: "platforms",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_ads_advertiser_id",
                table: "ads",
                column: "advertiser_id");

            migrationBuilder.CreateIndex(
                name: "ix_ads_delivery_start_id",
                table: "ads",
                columns: new[] { "delivery_start", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_ads_platform_id_external_id",
                table: "ads",
                columns: new[] { "platform_id", "external_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_advertisers_platform_id_external_id",
                table: "advertisers",
                columns: new[] { "platform_id", "external_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_api_tokens_hash",
                table: "api_tokens",
                column: "hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_api_tokens_platform_id",
                table: "api_tokens",
                column: "platform_id");

            migrationBuilder.CreateIndex(
                name: "ix_platforms_slug",
                table: "platforms",
                column: "slug",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ads");

            migrationBuilder.DropTable(
                name: "api_tokens");

            migrationBuilder.DropTable(
                name: "advertisers");

            migrationBuilder.DropTable(
                name: "platforms");
        }
    }
}
