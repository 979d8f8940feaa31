using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Candor.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ScreeningLists : Migration
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "list_entries");

            migrationBuilder.DropTable(
                name: "list_snapshots");
        }
    }
}
