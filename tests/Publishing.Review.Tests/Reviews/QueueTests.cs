using System.Net.Http.Json;
using System.Text.Json;
using Publishing.Review.Tests.Api;
using Xunit;

namespace Publishing.Review.Tests.Reviews;

public sealed class QueueTests(ReviewApi api) : IClassFixture<ReviewApi>
{
    [Fact]
    public async Task Pending_queue_puts_safety_first_then_the_oldest()
    {
        var t = DateTimeOffset.UtcNow.AddDays(-1);
        var oldClinical = await api.SubmitAsync(Events.Submission(Events.Slug("imatinib"), "clinical", at: t));
        var newSafety = await api.SubmitAsync(Events.Submission(Events.Slug("sunitinib"), "safety", at: t.AddHours(3)));
        var editorial = await api.SubmitAsync(Events.Submission(Events.Slug("pazopanib"), "editorial", at: t.AddHours(-1)));
        var oldSafety = await api.SubmitAsync(Events.Submission(Events.Slug("regorafenib"), "safety", at: t.AddHours(1)));
        var mine = new HashSet<Guid> { oldClinical, newSafety, editorial, oldSafety };

        var reviewer = await api.ClientAsAsync("reviewer-q", "reviewer", Reviewers.Pharmacist);
        var queue = await reviewer.GetFromJsonAsync<JsonElement>("/api/reviews?status=pending");

        var order = queue.EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).Where(mine.Contains).ToList();
        // After safety, strictly by age: an older editorial change comes before a newer clinical one.
        Assert.Equal([oldSafety, newSafety, editorial, oldClinical], order);
    }

    [Fact]
    public async Task The_queue_is_for_reviewers_and_admins_only()
    {
        var editor = await api.ClientAsAsync("editor-q", "editor");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await editor.GetAsync("/api/reviews?status=pending")).StatusCode);
    }
}
