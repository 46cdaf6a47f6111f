using System.Text.Json;
using System.Text.Json.Nodes;
using Publishing.Authoring.Data;
using Publishing.Contracts;
using Publishing.Testing;
using Xunit;

namespace Publishing.Authoring.Tests.Api;

/// <summary>Getting a sample published the way Review would: submit it, then send ReviewApproved on the bus.</summary>
public static class Publications
{
    /// <summary>A published sample under a fresh slug, so the next change is classified against it.</summary>
    public static async Task<(ContentClient Editor, string Slug, JsonObject Request)> PublishedAsync(this ServiceApiFactory<Program, AuthoringDbContext> api, string sample)
    {
        var editor = new ContentClient(await api.ClientAsAsync("editor-1", "editor"));
        var slug = $"{sample}-{Guid.NewGuid().ToString("N")[..8]}";
        var request = Samples.CreateRequest(sample, slug);
        await editor.CreateAsync(request);
        var submitted = await editor.SubmitOkAsync(slug);
        await api.ApproveAsync(submitted, slug, 1);
        await Until(editor, slug, "published");
        return (editor, slug, request);
    }

    /// <summary>Sends the approvals <paramref name="submitted"/> needs, from two invented qualified reviewers.</summary>
    public static async Task ApproveAsync(this ServiceApiFactory<Program, AuthoringDbContext> api, JsonElement submitted, string slug, int revision)
    {
        var approvals = new List<Approval>
        {
            new("pharmacist-1", "Aisha Rahman", "Clinical pharmacist", null, true, DateTimeOffset.UtcNow),
            new("oncologist-1", "Owen Price", "Consultant medical oncologist", null, true, DateTimeOffset.UtcNow),
        };
        var reviewId = submitted.GetProperty("reviewId").GetGuid();
        var contentId = (await api.WithDb(db => Task.FromResult(db.Content.Single(c => c.Slug == slug)))).Id;
        await api.PublishAsync(new ReviewApproved(reviewId, contentId, slug, revision, submitted.GetProperty("changeClass").GetString()!,
            approvals.Take(submitted.GetProperty("requiredApprovals").GetInt32()).ToList(), DateTimeOffset.UtcNow));
    }

    public static async Task Until(ContentClient editor, string slug, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await editor.GetAsync(slug)).GetProperty("status").GetString() != status)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{slug} never became {status}");
            await Task.Delay(50);
        }
    }
}
