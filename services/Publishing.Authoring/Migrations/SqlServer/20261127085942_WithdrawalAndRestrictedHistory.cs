using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Publishing.Authoring.Migrations.SqlServer
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
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "WithdrawnAt",
                table: "Content",
                type: "datetimeoffset",
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
