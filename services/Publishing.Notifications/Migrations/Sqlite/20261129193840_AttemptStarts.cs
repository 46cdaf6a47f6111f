using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Publishing.Notifications.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AttemptStarts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Token",
                table: "DeliveryAttempts",
                type: "TEXT",
                maxLength: 32,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Token",
                table: "DeliveryAttempts");
        }
    }
}
