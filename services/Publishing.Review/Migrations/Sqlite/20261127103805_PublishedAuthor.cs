using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Publishing.Review.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PublishedAuthor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AuthorId",
                table: "PublishedItems",
                type: "TEXT",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AuthorId",
                table: "PublishedItems");
        }
    }
}
