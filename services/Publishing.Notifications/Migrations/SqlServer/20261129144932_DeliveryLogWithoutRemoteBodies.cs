using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Publishing.Notifications.Migrations.SqlServer
{
    /// <summary>
    /// Rewrites the delivery log in the words it now uses: rows kept from before could hold up to 4 KB of
    /// what an endpoint answered (an internal service's error page, a redirect target) and would go on
    /// showing it to admins. An HTTP status becomes "HTTP nnn from the endpoint"; a failure without a
    /// response keeps its text only where that text was wholly ours (a timeout, a refused address), since
    /// other messages could quote bytes a site sent. There is no way back.
    /// </summary>
    public partial class DeliveryLogWithoutRemoteBodies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE DeliveryAttempts SET Error = CASE
                    WHEN Status BETWEEN 300 AND 399 THEN 'HTTP ' + CAST(Status AS nvarchar(10)) + ' from the endpoint: redirects are not followed'
                    WHEN Status = 410 THEN 'HTTP 410 from the endpoint: gone, so the subscription is disabled'
                    ELSE 'HTTP ' + CAST(Status AS nvarchar(10)) + ' from the endpoint' END
                WHERE Status IS NOT NULL AND Error IS NOT NULL;
                """);

            migrationBuilder.Sql("""
                UPDATE DeliveryAttempts SET Error = 'no response (the detail recorded by an earlier version was removed)'
                WHERE Status IS NULL AND Error IS NOT NULL AND Error NOT LIKE 'No response within %' AND Error NOT LIKE 'Refused to connect to %';
                """);

            migrationBuilder.Sql("""
                UPDATE Deliveries SET LastError = 'HTTP ' + SUBSTRING(LastError, 6, 3) + ' from the endpoint'
                WHERE LastError LIKE 'HTTP %';
                """);

            migrationBuilder.Sql("""
                UPDATE Deliveries SET LastError = 'no response (the detail recorded by an earlier version was removed)'
                WHERE LastError IS NOT NULL AND LastError NOT LIKE 'No response within %' AND LastError NOT LIKE 'Refused to connect to %' AND LastError NOT LIKE 'Not sent: %' AND LastError NOT LIKE 'HTTP %' AND LastError <> 'The subscription is disabled.';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // What was removed is not kept anywhere to put back.
        }
    }
}
