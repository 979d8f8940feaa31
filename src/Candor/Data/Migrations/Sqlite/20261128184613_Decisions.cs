using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Candor.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Decisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "decisions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    uuid = table.Column<Guid>(type: "TEXT", nullable: false),
                    platform_id = table.Column<long>(type: "INTEGER", nullable: false),
                    puid = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    origin = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    method = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    advertiser_id = table.Column<long>(type: "INTEGER", nullable: true),
                    ad_id = table.Column<long>(type: "INTEGER", nullable: true),
                    clause_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    clause_version = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    evidence_json = table.Column<string>(type: "TEXT", nullable: false),
                    decider_kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    decider_ref = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    issued_at = table.Column<long>(type: "INTEGER", nullable: true),
                    effective_at = table.Column<long>(type: "INTEGER", nullable: true),
                    notified_at = table.Column<long>(type: "INTEGER", nullable: true),
                    specificity_score = table.Column<double>(type: "REAL", nullable: true),
                    decision_visibility = table.Column<string>(type: "TEXT", nullable: false),
                    decision_visibility_other = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    decision_monetary = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    decision_monetary_other = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    decision_provision = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    decision_account = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    account_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    decision_ground = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    decision_ground_reference_url = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    illegal_content_legal_ground = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    illegal_content_explanation = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    incompatible_content_ground = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    incompatible_content_explanation = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    incompatible_content_illegal = table.Column<bool>(type: "INTEGER", nullable: true),
                    content_type = table.Column<string>(type: "TEXT", nullable: false),
                    content_type_other = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    category = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    category_addition = table.Column<string>(type: "TEXT", nullable: false),
                    category_specification = table.Column<string>(type: "TEXT", nullable: false),
                    category_specification_other = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    territorial_scope = table.Column<string>(type: "TEXT", nullable: false),
                    content_language = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    content_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    application_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    end_date_visibility_restriction = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    end_date_monetary_restriction = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    end_date_service_restriction = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    end_date_account_restriction = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    decision_facts = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: false),
                    source_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    source_identity = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    automated_detection = table.Column<bool>(type: "INTEGER", nullable: false),
                    automated_decision = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    content_id_ean = table.Column<string>(type: "TEXT", maxLength: 13, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_decisions", x => x.id);
                    table.ForeignKey(
                        name: "fk_decisions_ads_ad_id",
                        column: x => x.ad_id,
                        principalTable: "ads",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_decisions_advertisers_advertiser_id",
                        column: x => x.advertiser_id,
                        principalTable: "advertisers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_decisions_platforms_platform_id",
                        column: x => x.platform_id,
                        principalTable: "platforms",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "decision_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    decision_id = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    payload_json = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_decision_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_decision_events_decisions_decision_id",
                        column: x => x.decision_id,
                        principalTable: "decisions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_decision_events_decision_id_id",
                table: "decision_events",
                columns: new[] { "decision_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_decisions_ad_id",
                table: "decisions",
                column: "ad_id");

            migrationBuilder.CreateIndex(
                name: "ix_decisions_advertiser_id",
                table: "decisions",
                column: "advertiser_id");

            migrationBuilder.CreateIndex(
                name: "ix_decisions_platform_id_created_at",
                table: "decisions",
                columns: new[] { "platform_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_decisions_platform_id_puid",
                table: "decisions",
                columns: new[] { "platform_id", "puid" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_decisions_uuid",
                table: "decisions",
                column: "uuid",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "decision_events");

            migrationBuilder.DropTable(
                name: "decisions");
        }
    }
}
