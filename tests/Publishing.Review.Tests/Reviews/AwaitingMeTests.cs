using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Publishing.Review.Tests.Api;
using Xunit;

namespace Publishing.Review.Tests.Reviews;

/// <summary><c>GET /api/reviews?awaiting=me</c>: the pending reviews the caller may sign off and has not.</summary>
public sealed class AwaitingMeTests(ReviewApi api) : IClassFixture<ReviewApi>
{
    [Fact]
    public async Task A_reviewer_is_shown_what_they_may_sign_off_and_have_not()
    {
        const string me = "reviewer-waiting";
        var safety = await api.SubmitAsync(Events.Submission(Events.Slug("regorafenib"), "safety"));
        var editorial = await api.SubmitAsync(Events.Submission(Events.Slug("imatinib"), "editorial"));
        var alreadyApproved = await api.SubmitAsync(Events.Submission(Events.Slug("sunitinib"), "safety"));
        var mine = await api.SubmitAsync(Events.Submission(Events.Slug("pazopanib"), "clinical") with { AuthorId = me });
        var pharmacist = await api.ClientAsAsync(me, "reviewer", Reviewers.Pharmacist);
        Assert.Equal(HttpStatusCode.OK, (await pharmacist.ApproveAsync(alreadyApproved)).StatusCode);

        var waiting = await AwaitingAsync(pharmacist);

        Assert.Contains(safety, waiting);
        Assert.Contains(editorial, waiting);
        Assert.DoesNotContain(alreadyApproved, waiting); // still pending (safety needs two), but not on this reviewer
        Assert.DoesNotContain(mine, waiting);             // four eyes: never their own revision

        // The same reviews for a reviewer with no recorded qualification: only the editorial one is theirs to sign.
        var unqualified = await AwaitingAsync(await api.ClientAsAsync("reviewer-waiting-nq", "reviewer"));
        Assert.Contains(editorial, unqualified);
        Assert.DoesNotContain(safety, unqualified);
        Assert.DoesNotContain(alreadyApproved, unqualified);
    }

    [Fact]
    public async Task Nothing_waits_on_an_admin_and_an_unknown_value_is_a_400_naming_it()
    {
        await api.SubmitAsync(Events.Submission(Events.Slug("imatinib"), "editorial"));
        var admin = await api.ClientAsAsync("admin-waiting", "admin");
        Assert.Empty(await AwaitingAsync(admin));

        var response = await admin.GetAsync("/api/reviews?awaiting=you");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("awaiting", out _));
    }

    private static async Task<List<Guid>> AwaitingAsync(HttpClient reviewer)
    {
        var queue = await reviewer.GetFromJsonAsync<JsonElement>("/api/reviews?status=pending&awaiting=me");
        return queue.EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ToList();
    }
}
