using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Candor.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RulesEvaluation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "evaluations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    platform_id = table.Column<long>(type: "bigint", nullable: false),
                    subject_kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    subject_key = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    advertiser_id = table.Column<long>(type: "bigint", nullable: false),
                    ad_id = table.Column<long>(type: "bigint", nullable: true),
                    rule_set_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    policy_versions_json = table.Column<string>(type: "text", nullable: false),
                    outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    hits_json = table.Column<string>(type: "text", nullable: false),
                    hit_count = table.Column<int>(type: "integer", nullable: false),
                    shadow_hit_count = table.Column<int>(type: "integer", nullable: false),
                    trigger = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    evaluated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evaluations", x => x.id);
                    table.ForeignKey(
                        name: "fk_evaluations_ads_ad_id",
                        column: x => x.ad_id,
                        principalTable: "ads",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_evaluations_advertisers_advertiser_id",
                        column: x => x.advertiser_id,
                        principalTable: "advertisers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_evaluations_platforms_platform_id",
                        column: x => x.platform_id,
                        principalTable: "platforms",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "review_items",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    platform_id = table.Column<long>(type: "bigint", nullable: false),
                    subject_key = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    subject_kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    advertiser_id = table.Column<long>(type: "bigint", nullable: false),
                    ad_id = table.Column<long>(type: "bigint", nullable: true),
                    evaluation_id = table.Column<long>(type: "bigint", nullable: false),
                    policy_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    policy_version = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    clause_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    rule_ids_json = table.Column<string>(type: "text", nullable: false),
                    priority = table.Column<int>(type: "integer", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    claimed_by_user_id = table.Column<long>(type: "bigint", nullable: true),
                    claimed_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    dismiss_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    decision_id = table.Column<long>(type: "bigint", nullable: true),
                    closed_by_user_id = table.Column<long>(type: "bigint", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_review_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_review_items_decisions_decision_id",
                        column: x => x.decision_id,
                        principalTable: "decisions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_review_items_evaluations_evaluation_id",
                        column: x => x.evaluation_id,
                        principalTable: "evaluations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_review_items_platforms_platform_id",
                        column: x => x.platform_id,
                        principalTable: "platforms",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_evaluations_ad_id",
                table: "evaluations",
                column: "ad_id");

            migrationBuilder.CreateIndex(
                name: "ix_evaluations_advertiser_id",
                table: "evaluations",
                column: "advertiser_id");

            migrationBuilder.CreateIndex(
                name: "ix_evaluations_platform_id_outcome_id",
                table: "evaluations",
                columns: new[] { "platform_id", "outcome", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_evaluations_platform_id_subject_key_id",
                table: "evaluations",
                columns: new[] { "platform_id", "subject_key", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_evaluations_rule_set_hash",
                table: "evaluations",
                column: "rule_set_hash");

            migrationBuilder.CreateIndex(
                name: "ix_review_items_decision_id",
                table: "review_items",
                column: "decision_id");

            migrationBuilder.CreateIndex(
                name: "ix_review_items_evaluation_id",
                table: "review_items",
                column: "evaluation_id");

            migrationBuilder.CreateIndex(
                name: "ix_review_items_platform_id_state_priority_created_at",
                table: "review_items",
                columns: new[] { "platform_id", "state", "priority", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_review_items_platform_id_subject_key_clause_id",
                table: "review_items",
                columns: new[] { "platform_id", "subject_key", "clause_id" },
                unique: true,
                filter: "state = 'open'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "review_items");

            migrationBuilder.DropTable(
                name: "evaluations");
        }
    }
}
