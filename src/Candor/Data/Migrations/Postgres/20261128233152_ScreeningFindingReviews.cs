using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Candor.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ScreeningFindingReviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_screening_findings_platform_id_state",
                table: "screening_findings");

            migrationBuilder.AddColumn<string>(
                name: "entry_hash",
                table: "screening_findings",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "reopened_at",
                table: "screening_findings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "review_reason",
                table: "screening_findings",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "reviewed_at",
                table: "screening_findings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reviewed_by",
                table: "screening_findings",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reviewed_entry_hash",
                table: "screening_findings",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_screening_findings_list_slug_state",
                table: "screening_findings",
                columns: new[] { "list_slug", "state" });

            migrationBuilder.CreateIndex(
                name: "ix_screening_findings_platform_id_state_score_first_seen_at",
                table: "screening_findings",
                columns: new[] { "platform_id", "state", "score", "first_seen_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_screening_findings_list_slug_state",
                table: "screening_findings");

            migrationBuilder.DropIndex(
                name: "ix_screening_findings_platform_id_state_score_first_seen_at",
                table: "screening_findings");

            migrationBuilder.DropColumn(
                name: "entry_hash",
                table: "screening_findings");

            migrationBuilder.DropColumn(
                name: "reopened_at",
                table: "screening_findings");

            migrationBuilder.DropColumn(
                name: "review_reason",
                table: "screening_findings");

            migrationBuilder.DropColumn(
                name: "reviewed_at",
                table: "screening_findings");

            migrationBuilder.DropColumn(
                name: "reviewed_by",
                table: "screening_findings");

            migrationBuilder.DropColumn(
                name: "reviewed_entry_hash",
                table: "screening_findings");

            migrationBuilder.CreateIndex(
                name: "ix_screening_findings_platform_id_state",
                table: "screening_findings",
                columns: new[] { "platform_id", "state" });
        }
    }
}
