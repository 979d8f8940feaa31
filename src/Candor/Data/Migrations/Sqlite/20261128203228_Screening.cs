using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Candor.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Screening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "list_snapshots",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    list_slug = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    format = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    as_of = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    source_url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    content_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    entry_count = table.Column<int>(type: "INTEGER", nullable: false),
                    name_count = table.Column<int>(type: "INTEGER", nullable: false),
                    duplicate_count = table.Column<int>(type: "INTEGER", nullable: false),
                    imported_at = table.Column<long>(type: "INTEGER", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_list_snapshots", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "screening_findings",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    platform_id = table.Column<long>(type: "INTEGER", nullable: false),
                    advertiser_id = table.Column<long>(type: "INTEGER", nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    subject_role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    list_slug = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    snapshot_id = table.Column<long>(type: "INTEGER", nullable: false),
                    entry_key = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    source_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    entry_name = table.Column<string>(type: "TEXT", nullable: false),
                    matched_name = table.Column<string>(type: "TEXT", nullable: false),
                    score = table.Column<double>(type: "REAL", nullable: false),
                    explanation_json = table.Column<string>(type: "TEXT", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    first_seen_at = table.Column<long>(type: "INTEGER", nullable: false),
                    last_seen_at = table.Column<long>(type: "INTEGER", nullable: false),
                    delisted_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_screening_findings", x => x.id);
                    table.ForeignKey(
                        name: "fk_screening_findings_advertisers_advertiser_id",
                        column: x => x.advertiser_id,
                        principalTable: "advertisers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_screening_findings_platforms_platform_id",
                        column: x => x.platform_id,
                        principalTable: "platforms",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "list_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    snapshot_id = table.Column<long>(type: "INTEGER", nullable: false),
                    entry_key = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    source_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    primary_name = table.Column<string>(type: "TEXT", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    aliases_json = table.Column<string>(type: "TEXT", nullable: false),
                    countries_json = table.Column<string>(type: "TEXT", nullable: false),
                    dates_of_birth_json = table.Column<string>(type: "TEXT", nullable: false),
                    programs_json = table.Column<string>(type: "TEXT", nullable: false),
                    remarks = table.Column<string>(type: "TEXT", nullable: true),
                    source_url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    entry_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_list_entries", x => x.id);
                    table.ForeignKey(
                        name: "fk_list_entries_list_snapshots_snapshot_id",
                        column: x => x.snapshot_id,
                        principalTable: "list_snapshots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_list_entries_snapshot_id_entry_key",
                table: "list_entries",
                columns: new[] { "snapshot_id", "entry_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_list_snapshots_state_list_slug_id",
                table: "list_snapshots",
                columns: new[] { "state", "list_slug", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_screening_findings_advertiser_id_subject_list_slug_entry_key",
                table: "screening_findings",
                columns: new[] { "advertiser_id", "subject", "list_slug", "entry_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_screening_findings_platform_id_state",
                table: "screening_findings",
                columns: new[] { "platform_id", "state" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "list_entries");

            migrationBuilder.DropTable(
                name: "screening_findings");

            migrationBuilder.DropTable(
                name: "list_snapshots");
        }
    }
}
