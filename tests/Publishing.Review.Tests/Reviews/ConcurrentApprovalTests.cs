using System.Net;
using Publishing.Contracts;
using Publishing.Review.Tests.Api;
using Xunit;

namespace Publishing.Review.Tests.Reviews;

public sealed class ConcurrentApprovalTests(ReviewApi api) : IClassFixture<ReviewApi>
{
    [Fact]
    public async Task Two_final_approvals_at_once_release_the_review_exactly_once()
    {
        var first = await api.ClientAsAsync("pharmacist-1", "reviewer", Reviewers.Pharmacist);
        var second = await api.ClientAsAsync("pharmacist-2", "reviewer", Reviewers.Pharmacist);

        for (var round = 0; round < 10; round++)
        {
            var id = await api.SubmitAsync(Events.Submission(Events.Slug("imatinib"), "clinical"));

            var responses = await Task.WhenAll(first.ApproveAsync(id), second.ApproveAsync(id));

            var statuses = responses.Select(r => r.StatusCode).Order().ToList();
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], statuses);
            var approved = Assert.Single(await api.EventsAsync<ReviewApproved>(), e => e.ReviewId == id);
            Assert.Single(approved.Approvals);
        }
    }
}
