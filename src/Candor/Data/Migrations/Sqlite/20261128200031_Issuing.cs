using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Candor.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Issuing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "explanation_fingerprint",
                table: "decisions",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "facts_fingerprint",
                table: "decisions",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "decision_texts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    decision_id = table.Column<long>(type: "INTEGER", nullable: false),
                    platform_id = table.Column<long>(type: "INTEGER", nullable: false),
                    field = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    subject_key = table.Column<string>(type: "TEXT", maxLength: 600, nullable: false),
                    signature = table.Column<string>(type: "TEXT", maxLength: 700, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_decision_texts", x => x.id);
                    table.ForeignKey(
                        name: "fk_decision_texts_decisions_decision_id",
                        column: x => x.decision_id,
                        principalTable: "decisions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "notice_accesses",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    decision_id = table.Column<long>(type: "INTEGER", nullable: false),
                    platform_id = table.Column<long>(type: "INTEGER", nullable: false),
                    token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    first_viewed_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notice_accesses", x => x.id);
                    table.ForeignKey(
                        name: "fk_notice_accesses_decisions_decision_id",
                        column: x => x.decision_id,
                        principalTable: "decisions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "webhook_endpoints",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    platform_id = table.Column<long>(type: "INTEGER", nullable: false),
                    url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    secret = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    disabled_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhook_endpoints", x => x.id);
                    table.ForeignKey(
                        name: "fk_webhook_endpoints_platforms_platform_id",
                        column: x => x.platform_id,
                        principalTable: "platforms",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "decision_text_bands",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    decision_text_id = table.Column<long>(type: "INTEGER", nullable: false),
                    platform_id = table.Column<long>(type: "INTEGER", nullable: false),
                    band_key = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_decision_text_bands", x => x.id);
                    table.ForeignKey(
                        name: "fk_decision_text_bands_decision_texts_decision_text_id",
                        column: x => x.decision_text_id,
                        principalTable: "decision_texts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "webhook_deliveries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    endpoint_id = table.Column<long>(type: "INTEGER", nullable: false),
                    decision_id = table.Column<long>(type: "INTEGER", nullable: false),
                    job_id = table.Column<long>(type: "INTEGER", nullable: false),
                    @event = table.Column<string>(name: "event", type: "TEXT", maxLength: 40, nullable: false),
                    attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    status_code = table.Column<int>(type: "INTEGER", nullable: true),
                    error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhook_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "fk_webhook_deliveries_webhook_endpoints_endpoint_id",
                        column: x => x.endpoint_id,
                        principalTable: "webhook_endpoints",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_decisions_platform_id_explanation_fingerprint",
                table: "decisions",
                columns: new[] { "platform_id", "explanation_fingerprint" });

            migrationBuilder.CreateIndex(
                name: "ix_decisions_platform_id_facts_fingerprint",
                table: "decisions",
                columns: new[] { "platform_id", "facts_fingerprint" });

            migrationBuilder.CreateIndex(
                name: "ix_decision_text_bands_decision_text_id",
                table: "decision_text_bands",
                column: "decision_text_id");

            migrationBuilder.CreateIndex(
                name: "ix_decision_text_bands_platform_id_band_key_created_at",
                table: "decision_text_bands",
                columns: new[] { "platform_id", "band_key", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_decision_texts_decision_id",
                table: "decision_texts",
                column: "decision_id");

            migrationBuilder.CreateIndex(
                name: "ix_notice_accesses_decision_id",
                table: "notice_accesses",
                column: "decision_id");

            migrationBuilder.CreateIndex(
                name: "ix_notice_accesses_token_hash",
                table: "notice_accesses",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_decision_id_id",
                table: "webhook_deliveries",
                columns: new[] { "decision_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_endpoint_id",
                table: "webhook_deliveries",
                column: "endpoint_id");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_endpoints_platform_id",
                table: "webhook_endpoints",
                column: "platform_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "decision_text_bands");

            migrationBuilder.DropTable(
                name: "notice_accesses");

            migrationBuilder.DropTable(
                name: "webhook_deliveries");

            migrationBuilder.DropTable(
                name: "decision_texts");

            migrationBuilder.DropTable(
                name: "webhook_endpoints");

            migrationBuilder.DropIndex(
                name: "ix_decisions_platform_id_explanation_fingerprint",
                table: "decisions");

            migrationBuilder.DropIndex(
                name: "ix_decisions_platform_id_facts_fingerprint",
                table: "decisions");

            migrationBuilder.DropColumn(
                name: "explanation_fingerprint",
                table: "decisions");

            migrationBuilder.DropColumn(
                name: "facts_fingerprint",
                table: "decisions");
        }
    }
}
