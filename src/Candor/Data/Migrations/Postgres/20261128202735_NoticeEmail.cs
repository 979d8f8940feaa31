using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Candor.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class NoticeEmail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "decision_id",
                table: "mail_outbox",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "contact_email",
                table: "advertisers",
                type: "character varying(320)",
                maxLength: 320,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_mail_outbox_decision_id",
                table: "mail_outbox",
                column: "decision_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_mail_outbox_decision_id",
                table: "mail_outbox");

            migrationBuilder.DropColumn(
                name: "decision_id",
                table: "mail_outbox");

            migrationBuilder.DropColumn(
                name: "contact_email",
                table: "advertisers");
        }
    }
}
