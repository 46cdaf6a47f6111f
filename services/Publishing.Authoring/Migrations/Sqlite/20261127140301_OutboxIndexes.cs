using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Publishing.Authoring.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OutboxIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_LockedUntil",
                table: "OutboxMessages");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_Claimed",
                table: "OutboxMessages",
                column: "LockToken",
                filter: "LockToken IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_Sent",
                table: "OutboxMessages",
                column: "SentAt",
                filter: "SentAt IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_Unsent",
                table: "OutboxMessages",
                columns: new[] { "Sequence", "LockedUntil" },
                filter: "SentAt IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_Claimed",
                table: "OutboxMessages");

            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_Sent",
                table: "OutboxMessages");

            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_Unsent",
                table: "OutboxMessages");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_LockedUntil",
                table: "OutboxMessages",
                column: "LockedUntil",
                filter: "SentAt IS NULL");
        }
    }
}
