using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Publishing.Authoring.Tests.Api;

/// <summary>Revisions and the audit trail are history: nothing may rewrite or delete them.</summary>
public sealed class HistoryTests(AuthoringApi api) : IClassFixture<AuthoringApi>
{
    private async Task<string> CreateAsync()
    {
        var editor = new ContentClient(await api.ClientAsAsync("editor-1", "editor"));
        var slug = "imatinib-" + Guid.NewGuid().ToString("N")[..8];
        await editor.CreateAsync(Samples.CreateRequest("imatinib", slug));
        return slug;
    }

    [Fact]
    public async Task The_context_refuses_to_save_a_changed_or_deleted_revision()
    {
        var slug = await CreateAsync();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => api.WithDb(async db =>
        {
            var revision = await db.Revisions.SingleAsync(r => db.Content.Any(c => c.Id == r.ContentId && c.Slug == slug));
            revision.Title = "rewritten";
            return await db.SaveChangesAsync();
        }));
        Assert.Contains("append-only", error.Message);

        await Assert.ThrowsAsync<InvalidOperationException>(() => api.WithDb(async db =>
        {
            db.Audit.Remove(await db.Audit.FirstAsync());
            return await db.SaveChangesAsync();
        }));
    }

    [Fact]
    public async Task The_database_refuses_an_update_or_delete_that_bypasses_the_context()
    {
        var slug = await CreateAsync();
        foreach (var sql in new[]
        {
            "UPDATE Revisions SET Title = 'rewritten'",
            "DELETE FROM Revisions",
            "UPDATE AuditTrail SET Detail = 'rewritten'",
            "DELETE FROM AuditTrail",
        })
        {
            var error = await Assert.ThrowsAsync<SqliteException>(() => api.WithDb(db => db.Database.ExecuteSqlRawAsync(sql)));
            Assert.Contains("append-only", error.Message);
        }
        var title = await api.WithDb(db => db.Revisions.Where(r => db.Content.Any(c => c.Id == r.ContentId && c.Slug == slug)).Select(r => r.Title).SingleAsync());
        Assert.NotEqual("rewritten", title);
    }
}
