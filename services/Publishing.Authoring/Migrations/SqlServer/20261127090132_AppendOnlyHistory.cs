using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Publishing.Authoring.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AppendOnlyHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // History is append-only in the database itself, whatever code runs against it.
            foreach (var table in new[] { "Revisions", "AuditTrail" })
                migrationBuilder.Sql($"CREATE TRIGGER [{table}_AppendOnly] ON [{table}] INSTEAD OF UPDATE, DELETE AS THROW 51000, '{table} rows are append-only', 1;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in new[] { "Revisions", "AuditTrail" })
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS [{table}_AppendOnly];");
        }
    }
}
