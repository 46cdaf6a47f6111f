using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Publishing.Notifications.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class DeliverySafety : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Safety",
                table: "Deliveries",
                type: "bit",
                nullable: false,
                defaultValue: false);

            // Deliveries still pending when this runs: withdrawals, and publications of a safety change.
            migrationBuilder.Sql("UPDATE Deliveries SET Safety = 1 WHERE State = 'pending' AND " +
                "(EventType = 'content.withdrawn' OR Payload LIKE '%\"changeClass\":\"safety\"%')");

            migrationBuilder.CreateIndex(
                name: "IX_Deliveries_Safety",
                table: "Deliveries",
                columns: new[] { "State", "Id" },
                filter: "Safety = 1");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Deliveries_Safety",
                table: "Deliveries");

            migrationBuilder.DropColumn(
                name: "Safety",
                table: "Deliveries");
        }
    }
}
