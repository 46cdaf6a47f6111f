using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Publishing.SearchIndexing.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ReleaseGrouping : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ReleaseId",
                table: "IndexQueue",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ReleaseId",
                table: "ChangeFeed",
                type: "uniqueidentifier",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ReleaseId",
                table: "IndexQueue");

            migrationBuilder.DropColumn(
                name: "ReleaseId",
                table: "ChangeFeed");
        }
    }
}
