using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Publishing.Review.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PeriodicReviewAndDue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PeriodicReviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    ReviewerId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ReviewerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Qualification = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PeriodicReviews", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PublishedItems",
                columns: table => new
                {
                    ContentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    LastReviewed = table.Column<long>(type: "INTEGER", nullable: true),
                    NextReviewDue = table.Column<long>(type: "INTEGER", nullable: true),
                    Withdrawn = table.Column<bool>(type: "INTEGER", nullable: false),
                    DueNotifiedFor = table.Column<long>(type: "INTEGER", nullable: true),
                    OverdueNotifiedFor = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublishedItems", x => x.ContentId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PeriodicReviews_ContentId_At",
                table: "PeriodicReviews",
                columns: new[] { "ContentId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_PublishedItems_NextReviewDue",
                table: "PublishedItems",
                column: "NextReviewDue");

            migrationBuilder.CreateIndex(
                name: "IX_PublishedItems_Slug",
                table: "PublishedItems",
                column: "Slug",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PeriodicReviews");

            migrationBuilder.DropTable(
                name: "PublishedItems");
        }
    }
}
