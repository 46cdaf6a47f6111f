using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Publishing.Authoring.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WithdrawalAndRestrictedHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Revisions_Content_ContentId",
                table: "Revisions");

            migrationBuilder.AddColumn<string>(
                name: "WithdrawalReason",
                table: "Content",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "WithdrawnAt",
                table: "Content",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Revisions_Content_ContentId",
                table: "Revisions",
                column: "ContentId",
                principalTable: "Content",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Revisions_Content_ContentId",
                table: "Revisions");

            migrationBuilder.DropColumn(
                name: "WithdrawalReason",
                table: "Content");

            migrationBuilder.DropColumn(
                name: "WithdrawnAt",
                table: "Content");

            migrationBuilder.AddForeignKey(
                name: "FK_Revisions_Content_ContentId",
                table: "Revisions",
                column: "ContentId",
                principalTable: "Content",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
