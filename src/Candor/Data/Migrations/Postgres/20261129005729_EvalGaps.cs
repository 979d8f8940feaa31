using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Candor.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EvalGaps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<long>(
                name: "evaluation_id",
                table: "review_items",
                type: "bigint",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "bigint");

            migrationBuilder.CreateIndex(
                name: "ix_review_items_advertiser_id_subject_kind_state",
                table: "review_items",
                columns: new[] { "advertiser_id", "subject_kind", "state" });

            migrationBuilder.CreateIndex(
                name: "ix_evaluations_subject_key_id",
                table: "evaluations",
                columns: new[] { "subject_key", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_review_items_advertiser_id_subject_kind_state",
                table: "review_items");

            migrationBuilder.DropIndex(
                name: "ix_evaluations_subject_key_id",
                table: "evaluations");

            migrationBuilder.AlterColumn<long>(
                name: "evaluation_id",
                table: "review_items",
                type: "bigint",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "bigint",
                oldNullable: true);
        }
    }
}
