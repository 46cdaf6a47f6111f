using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Publishing.Contracts;
using Publishing.Review.Tests.Api;
using Xunit;

namespace Publishing.Review.Tests.Reviews;

public sealed class ApprovalRulesTests(ReviewApi api) : IClassFixture<ReviewApi>
{
    [Fact]
    public async Task The_author_cannot_approve_their_own_revision()
    {
        var id = await api.SubmitAsync(Events.Submission(Events.Slug("imatinib"), "editorial"));
        var author = await api.ClientAsAsync(Events.Author, "reviewer", Reviewers.Pharmacist);

        Assert.Equal(HttpStatusCode.Forbidden, (await author.ApproveAsync(id)).StatusCode);
    }

    [Theory]
    [InlineData("clinical")]
    [InlineData("safety")]
    public async Task An_unqualified_reviewer_cannot_approve_a_clinical_or_safety_change(string changeClass)
    {
        var id = await api.SubmitAsync(Events.Submission(Events.Slug("sunitinib"), changeClass));
        var unqualified = await api.ClientAsAsync("reviewer-nq", "reviewer");

        Assert.Equal(HttpStatusCode.Forbidden, (await unqualified.ApproveAsync(id)).StatusCode);
    }

    [Fact]
    public async Task An_unqualified_reviewer_may_approve_an_editorial_change()
    {
        var id = await api.SubmitAsync(Events.Submission(Events.Slug("sunitinib"), "editorial"));
        var unqualified = await api.ClientAsAsync("reviewer-nq", "reviewer");

        var response = await unqualified.ApproveAsync(id, referencesChecked: false);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("approved", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_clinical_approval_needs_the_references_checked()
    {
        var id = await api.SubmitAsync(Events.Submission(Events.Slug("pazopanib"), "clinical"));
        var reviewer = await api.ClientAsAsync("reviewer-a", "reviewer", Reviewers.Pharmacist);

        var response = await reviewer.ApproveAsync(id, referencesChecked: false);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("referencesChecked", out _));
    }

    [Fact]
    public async Task Only_reviewers_approve()
    {
        var id = await api.SubmitAsync(Events.Submission(Events.Slug("imatinib"), "editorial"));
        var admin = await api.ClientAsAsync("admin-1", "admin", Reviewers.Pharmacist);

        Assert.Equal(HttpStatusCode.Forbidden, (await admin.ApproveAsync(id)).StatusCode);
    }

    [Fact]
    public async Task A_safety_change_needs_two_distinct_qualified_reviewers_and_releases_once()
    {
        var id = await api.SubmitAsync(Events.Submission(Events.Slug("regorafenib"), "safety"));
        var first = await api.ClientAsAsync("pharmacist-1", "reviewer", Reviewers.Pharmacist);
        var second = await api.ClientAsAsync("oncologist-1", "reviewer", "Consultant oncologist");

        var response = await first.ApproveAsync(id);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("pending", body.GetProperty("status").GetString());
        Assert.Equal(1, body.GetProperty("remaining").GetInt32());

        Assert.Equal(HttpStatusCode.Conflict, (await first.ApproveAsync(id)).StatusCode);
        Assert.DoesNotContain(await api.EventsAsync<ReviewApproved>(), e => e.ReviewId == id);

        response = await second.ApproveAsync(id);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("approved", body.GetProperty("status").GetString());
        Assert.Equal(0, body.GetProperty("remaining").GetInt32());

        var approved = Assert.Single(await api.EventsAsync<ReviewApproved>(), e => e.ReviewId == id);
        Assert.Equal("safety", approved.ChangeClass);
        Assert.Equal(
            [("pharmacist-1", "Test pharmacist-1", Reviewers.Pharmacist), ("oncologist-1", "Test oncologist-1", "Consultant oncologist")],
            approved.Approvals.Select(a => (a.ReviewerId, a.ReviewerName, a.Qualification)).ToList());
        Assert.All(approved.Approvals, a => Assert.True(a.ReferencesChecked));

        // Closed now: a third qualified reviewer is too late.
        var third = await api.ClientAsAsync("pharmacist-2", "reviewer", Reviewers.Pharmacist);
        Assert.Equal(HttpStatusCode.Conflict, (await third.ApproveAsync(id)).StatusCode);
    }

    [Fact]
    public async Task A_safety_submission_asking_for_one_approval_still_needs_two()
    {
        var id = await api.SubmitAsync(Events.Submission(Events.Slug("olaratumab"), "safety", requiredApprovals: 1));
        var reviewer = await api.ClientAsAsync("pharmacist-1", "reviewer", Reviewers.Pharmacist);

        var body = await (await reviewer.ApproveAsync(id)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("pending", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_unknown_review_is_404()
    {
        var reviewer = await api.ClientAsAsync("pharmacist-1", "reviewer", Reviewers.Pharmacist);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.ApproveAsync(Guid.NewGuid())).StatusCode);
    }
}
