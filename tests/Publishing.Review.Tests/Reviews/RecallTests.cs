using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Publishing.Contracts;
using Publishing.Review.Tests.Api;
using Xunit;

namespace Publishing.Review.Tests.Reviews;

/// <summary>The editor following a review's progress, and recalling it.</summary>
public sealed class RecallTests(ReviewApi api) : IClassFixture<ReviewApi>
{
    [Fact]
    public async Task The_editor_sees_how_many_approvals_are_in_and_who_gave_them()
    {
        var id = await api.SubmitAsync(Events.Submission(Events.Slug("regorafenib"), "safety"));
        var reviewer = await api.ClientAsAsync("pharmacist-1", "reviewer", Reviewers.Pharmacist);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.ApproveAsync(id)).StatusCode);
        var editor = await api.ClientAsAsync(Events.Author, "editor");

        var progress = await editor.GetFromJsonAsync<JsonElement>($"/api/reviews/{id}/progress");

        Assert.Equal("pending", progress.GetProperty("status").GetString());
        Assert.Equal(2, progress.GetProperty("requiredApprovals").GetInt32());
        Assert.Equal(1, progress.GetProperty("remaining").GetInt32());
        var approval = Assert.Single(progress.GetProperty("approvals").EnumerateArray());
        Assert.Equal("Test pharmacist-1", approval.GetProperty("reviewerName").GetString());
        Assert.Equal(Reviewers.Pharmacist, approval.GetProperty("qualification").GetString());
        Assert.False(progress.TryGetProperty("changes", out _)); // the diff and comments stay on the reviewers' page
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync($"/api/reviews/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync($"/api/reviews/{Guid.NewGuid()}/progress")).StatusCode);
    }

    [Fact]
    public async Task A_recalled_submission_closes_its_review_which_takes_no_more_approvals()
    {
        var submission = Events.Submission(Events.Slug("imatinib"), "safety");
        var id = await api.SubmitAsync(submission);

        await api.PublishAndWaitAsync(new SubmissionRecalled(submission.ContentId, submission.Slug, submission.Revision,
            DateTimeOffset.UtcNow, id, Events.Author, "Test editor"), "CloseRecalledReviewConsumer");

        var reviewer = await api.ClientAsAsync("pharmacist-1", "reviewer", Reviewers.Pharmacist);
        var review = await reviewer.GetFromJsonAsync<JsonElement>($"/api/reviews/{id}");
        Assert.Equal("recalled", review.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await reviewer.ApproveAsync(id)).StatusCode);
        var pending = await reviewer.GetFromJsonAsync<JsonElement>("/api/reviews?status=pending");
        Assert.DoesNotContain(pending.EnumerateArray(), r => r.GetProperty("id").GetGuid() == id);
        Assert.DoesNotContain(await api.EventsAsync<ReviewApproved>(), e => e.ReviewId == id);
    }
}
