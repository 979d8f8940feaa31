using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Candor.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OidcLink : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "oidc_issuer",
                table: "users",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "oidc_subject",
                table: "users",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_users_oidc_issuer_oidc_subject",
                table: "users",
                columns: new[] { "oidc_issuer", "oidc_subject" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_users_oidc_issuer_oidc_subject",
                table: "users");

            migrationBuilder.DropColumn(
                name: "oidc_issuer",
                table: "users");

            migrationBuilder.DropColumn(
                name: "oidc_subject",
                table: "users");
        }
    }
}
