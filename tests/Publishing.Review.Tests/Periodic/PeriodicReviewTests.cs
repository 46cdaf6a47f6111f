using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Publishing.Contracts;
using Publishing.Review.Tests.Api;
using Xunit;

namespace Publishing.Review.Tests.Periodic;

public sealed class PeriodicReviewTests(ReviewApi api) : IClassFixture<ReviewApi>
{
    private async Task<(Guid ContentId, string Slug)> PublishAsync(int revision = 1)
    {
        var contentId = Guid.NewGuid();
        var slug = Events.Slug("imatinib");
        var now = DateTimeOffset.UtcNow;
        await api.PublishAndWaitAsync(Events.Published(contentId, slug, revision, now, now.AddYears(3)), "RecordPublishedConsumer");
        return (contentId, slug);
    }

    [Fact]
    public async Task A_periodic_review_confirms_the_held_revision()
    {
        var (contentId, slug) = await PublishAsync(revision: 3);
        var reviewer = await api.ClientAsAsync("pharmacist-1", "reviewer", Reviewers.Pharmacist);

        var response = await reviewer.PeriodicAsync(slug, comment: "Checked against the current SmPC");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var reviewId = body.GetProperty("reviewId").GetGuid();
        Assert.Equal(slug, body.GetProperty("slug").GetString());
        Assert.Equal(3, body.GetProperty("revision").GetInt32());

        var completed = Assert.Single(await api.EventsAsync<PeriodicReviewCompleted>(), e => e.Slug == slug);
        Assert.Equal((reviewId, contentId, 3), (completed.ReviewId, completed.ContentId, completed.Revision));
        Assert.Equal(("pharmacist-1", "Test pharmacist-1", Reviewers.Pharmacist, "Checked against the current SmPC", true),
            (completed.Confirmation.ReviewerId, completed.Confirmation.ReviewerName, completed.Confirmation.Qualification,
                completed.Confirmation.Comment, completed.Confirmation.ReferencesChecked));

        var stored = await api.WithDb(db => db.PeriodicReviews.SingleAsync(r => r.Id == reviewId));
        Assert.Equal((contentId, 3, Reviewers.Pharmacist), (stored.ContentId, stored.Revision, stored.Qualification));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Not A Slug")]
    public async Task A_missing_or_bad_slug_is_400(string? slug)
    {
        var reviewer = await api.ClientAsAsync("pharmacist-1", "reviewer", Reviewers.Pharmacist);
        Assert.Equal(HttpStatusCode.BadRequest, (await reviewer.PeriodicAsync(slug)).StatusCode);
    }

    [Fact]
    public async Task A_comment_over_2000_characters_is_400()
    {
        var (_, slug) = await PublishAsync();
        var reviewer = await api.ClientAsAsync("pharmacist-1", "reviewer", Reviewers.Pharmacist);
        Assert.Equal(HttpStatusCode.BadRequest, (await reviewer.PeriodicAsync(slug, comment: new string('x', 2001))).StatusCode);
    }

    [Fact]
    public async Task An_unknown_slug_is_404()
    {
        var reviewer = await api.ClientAsAsync("pharmacist-1", "reviewer", Reviewers.Pharmacist);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.PeriodicAsync(Events.Slug("never-published"))).StatusCode);
    }

    [Fact]
    public async Task A_withdrawn_item_is_404()
    {
        var (contentId, slug) = await PublishAsync();
        await api.PublishAndWaitAsync(Events.Withdrawn(contentId, slug, 1), "RecordWithdrawnConsumer");
        var reviewer = await api.ClientAsAsync("pharmacist-1", "reviewer", Reviewers.Pharmacist);

        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.PeriodicAsync(slug)).StatusCode);
        Assert.DoesNotContain(await api.EventsAsync<PeriodicReviewCompleted>(), e => e.Slug == slug);
    }

    [Fact]
    public async Task A_reviewer_without_a_qualification_is_403()
    {
        var (_, slug) = await PublishAsync();
        var unqualified = await api.ClientAsAsync("reviewer-nq", "reviewer");
        Assert.Equal(HttpStatusCode.Forbidden, (await unqualified.PeriodicAsync(slug)).StatusCode);
    }

    [Fact]
    public async Task The_author_of_the_published_revision_cannot_confirm_it()
    {
        var (_, slug) = await PublishAsync();
        // The author also holds the reviewer role and a qualification: four eyes still applies.
        var author = await api.ClientAsAsync(Events.Author, "reviewer", Reviewers.Pharmacist);
        var response = await author.PeriodicAsync(slug);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(await api.EventsAsync<PeriodicReviewCompleted>(), e => e.Slug == slug);
    }

    [Fact]
    public async Task An_editor_is_403()
    {
        var (_, slug) = await PublishAsync();
        var editor = await api.ClientAsAsync("editor-2", "editor", Reviewers.Pharmacist);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.PeriodicAsync(slug)).StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(null)]
    public async Task Unchecked_references_are_422(bool? referencesChecked)
    {
        var (_, slug) = await PublishAsync();
        var reviewer = await api.ClientAsAsync("pharmacist-1", "reviewer", Reviewers.Pharmacist);

        var response = await reviewer.PeriodicAsync(slug, referencesChecked);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("referencesChecked", out _));
        Assert.DoesNotContain(await api.EventsAsync<PeriodicReviewCompleted>(), e => e.Slug == slug);
    }
}
