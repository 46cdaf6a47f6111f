using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Publishing.Contracts;
using Publishing.Review.Tests.Api;
using Xunit;

namespace Publishing.Review.Tests.Reviews;

public sealed class ChangeRequestTests(ReviewApi api) : IClassFixture<ReviewApi>
{
    [Fact]
    public async Task A_change_request_closes_the_review_and_sends_the_comment_to_the_editor()
    {
        var id = await api.SubmitAsync(Events.Submission(Events.Slug("regorafenib"), "safety"));
        var reviewer = await api.ClientAsAsync("pharmacist-1", "reviewer", Reviewers.Pharmacist);

        var response = await reviewer.RequestChangesAsync(id, "Cite the 2024 SmPC for the liver warning.");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var requested = Assert.Single(await api.EventsAsync<ChangesRequested>(), e => e.ReviewId == id);
        Assert.Equal("Cite the 2024 SmPC for the liver warning.", requested.Comment);
        Assert.Equal("pharmacist-1", requested.ReviewerId);
        var review = await reviewer.GetFromJsonAsync<JsonElement>($"/api/reviews/{id}");
        Assert.Equal("changes-requested", review.GetProperty("status").GetString());

        var other = await api.ClientAsAsync("pharmacist-2", "reviewer", Reviewers.Pharmacist);
        Assert.Equal(HttpStatusCode.Conflict, (await other.ApproveAsync(id)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await other.RequestChangesAsync(id, "Again")).StatusCode);
    }

    [Fact]
    public async Task A_change_request_needs_a_comment_and_not_the_author()
    {
        var id = await api.SubmitAsync(Events.Submission(Events.Slug("imatinib"), "clinical"));
        var reviewer = await api.ClientAsAsync("pharmacist-1", "reviewer", Reviewers.Pharmacist);
        var author = await api.ClientAsAsync(Events.Author, "reviewer", Reviewers.Pharmacist);

        Assert.Equal(HttpStatusCode.BadRequest, (await reviewer.RequestChangesAsync(id, " ")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await author.RequestChangesAsync(id, "Mine")).StatusCode);
        Assert.DoesNotContain(await api.EventsAsync<ChangesRequested>(), e => e.ReviewId == id);
    }
}
