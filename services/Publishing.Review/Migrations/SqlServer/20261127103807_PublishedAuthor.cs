using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Publishing.Review.Migrations.SqlServer
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
                type: "nvarchar(200)",
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
