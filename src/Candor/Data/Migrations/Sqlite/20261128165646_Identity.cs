using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Candor.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Identity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    platform_id = table.Column<long>(type: "INTEGER", nullable: true),
                    subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    remote_address = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    detail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    password_hash = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    security_stamp = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    password_link_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    password_link_expires_at = table.Column<long>(type: "INTEGER", nullable: true),
                    failed_sign_ins = table.Column<int>(type: "INTEGER", nullable: false),
                    locked_until = table.Column<long>(type: "INTEGER", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    disabled_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_users", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "role_assignments",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<long>(type: "INTEGER", nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    platform_id = table.Column<long>(type: "INTEGER", nullable: true),
                    advertiser_id = table.Column<long>(type: "INTEGER", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_role_assignments", x => x.id);
                    table.ForeignKey(
                        name: "fk_role_assignments_advertisers_advertiser_id",
                        column: x => x.advertiser_id,
                        principalTable: "advertisers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_role_assignments_platforms_platform_id",
                        column: x => x.platform_id,
                        principalTable: "platforms",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_role_assignments_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_at",
                table: "audit_events",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_platform_id_at",
                table: "audit_events",
                columns: new[] { "platform_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_role_assignments_advertiser_id",
                table: "role_assignments",
                column: "advertiser_id");

            migrationBuilder.CreateIndex(
                name: "ix_role_assignments_platform_id",
                table: "role_assignments",
                column: "platform_id");

            migrationBuilder.CreateIndex(
                name: "ix_role_assignments_user_id_role_platform_id_advertiser_id",
                table: "role_assignments",
                columns: new[] { "user_id", "role", "platform_id", "advertiser_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_users_email",
                table: "users",
                column: "email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_users_password_link_hash",
                table: "users",
                column: "password_link_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_events");

            migrationBuilder.DropTable(
                name: "role_assignments");

            migrationBuilder.DropTable(
                name: "users");
        }
    }
}
