using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Publishing.Contracts;
using Publishing.Messaging.Outbox;
using Publishing.Review.Tests.Api;
using Xunit;

namespace Publishing.Review.Tests.Reviews;

/// <summary>
/// Control characters, direction overrides, invisible and broken characters in a reviewer's comment
/// (or the slug of a periodic review) are a 422 naming the member, and record no approval, no
/// change request, no periodic review and no event. Comments are long text: line breaks and tabs are kept.
/// </summary>
public sealed class RefusedTextTests(ReviewApi api) : IClassFixture<ReviewApi>
{
    /// <summary>Stands for the JSON escape \ud800 (a lone surrogate), which a JsonNode cannot hold.</summary>
    private const string LoneSurrogate = "LONE-SURROGATE-HERE";

    /// <summary>Refused in every member (the same table as Authoring's BadText).</summary>
    private static readonly (string Name, string Text)[] Anywhere =
    [
        ("NUL", "\u0000"), ("ESC", "\u001B[31m"), ("right-to-left override", "\u202E"), ("left-to-right isolate", "\u2066"),
        ("zero-width space", "\u200B"), ("lone surrogate", LoneSurrogate),
    ];

    private static readonly (string Name, string Text)[] SingleLine = [.. Anywhere, ("newline", "\n"), ("tab", "\t")];

    private const string MultilineComment = "Checked against the 2024 SmPC.\n\t- dose table: unchanged";

    [Fact]
    public async Task Refused_text_in_an_approval_comment_is_422_and_approves_nothing()
    {
        var id = await api.SubmitAsync(Events.Submission(Events.Slug("regorafenib"), "clinical"));
        var reviewer = await api.ClientAsAsync("pharmacist-1", "reviewer", Reviewers.Pharmacist);
        var before = await StateAsync(reviewer, id);

        foreach (var (name, text) in Anywhere)
            await AssertRefused(await PostAsync(reviewer, $"/api/reviews/{id}/approvals",
                new JsonObject { ["comment"] = Around(text), ["referencesChecked"] = true }), "comment", name);

        Assert.Equal(before, await StateAsync(reviewer, id));
        Assert.Equal(HttpStatusCode.OK, (await reviewer.ApproveAsync(id, comment: MultilineComment)).StatusCode);
        Assert.Equal(MultilineComment, (await api.EventsAsync<ReviewApproved>()).Single(e => e.ReviewId == id).Approvals.Single().Comment);
    }

    [Fact]
    public async Task Refused_text_in_a_change_request_is_422_and_the_review_stays_open()
    {
        var id = await api.SubmitAsync(Events.Submission(Events.Slug("sunitinib"), "safety"));
        var reviewer = await api.ClientAsAsync("pharmacist-1", "reviewer", Reviewers.Pharmacist);
        var before = await StateAsync(reviewer, id);

        foreach (var (name, text) in Anywhere)
            await AssertRefused(await PostAsync(reviewer, $"/api/reviews/{id}/change-requests",
                new JsonObject { ["comment"] = Around(text) }), "comment", name);

        Assert.Equal(before, await StateAsync(reviewer, id));
        Assert.DoesNotContain(await api.EventsAsync<ChangesRequested>(), e => e.ReviewId == id);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.RequestChangesAsync(id, MultilineComment)).StatusCode);
        Assert.Equal(MultilineComment, (await api.EventsAsync<ChangesRequested>()).Single(e => e.ReviewId == id).Comment);
    }

    [Theory]
    [InlineData("slug")]
    [InlineData("comment")]
    public async Task Refused_text_in_a_periodic_review_is_422_and_confirms_nothing(string member)
    {
        var contentId = Guid.NewGuid();
        var slug = Events.Slug("imatinib");
        var now = DateTimeOffset.UtcNow;
        await api.PublishAndWaitAsync(Events.Published(contentId, slug, 1, now, now.AddYears(3)), "RecordPublishedConsumer");
        var reviewer = await api.ClientAsAsync("pharmacist-1", "reviewer", Reviewers.Pharmacist);
        var before = await CountsAsync();

        foreach (var (name, text) in member == "slug" ? SingleLine : Anywhere)
        {
            var body = new JsonObject { ["slug"] = slug, ["comment"] = "Still accurate", ["referencesChecked"] = true };
            var value = (string)body[member]!;
            body[member] = value[..(value.Length / 2)] + text + value[(value.Length / 2)..];
            await AssertRefused(await PostAsync(reviewer, "/api/reviews/periodic", body), member, name);
        }

        Assert.Equal(before, await CountsAsync());
        Assert.DoesNotContain(await api.EventsAsync<PeriodicReviewCompleted>(), e => e.Slug == slug);
        Assert.Equal(HttpStatusCode.Accepted, (await reviewer.PeriodicAsync(slug, comment: MultilineComment)).StatusCode);
        Assert.Equal(MultilineComment, (await api.EventsAsync<PeriodicReviewCompleted>()).Single(e => e.Slug == slug).Confirmation.Comment);
    }

    [Fact]
    public async Task Invalid_utf8_in_a_comment_is_422_naming_it()
    {
        var id = await api.SubmitAsync(Events.Submission(Events.Slug("pazopanib"), "editorial"));
        var reviewer = await api.ClientAsAsync("pharmacist-1", "reviewer", Reviewers.Pharmacist);
        byte[] body = [.. "{\"comment\":\"Checked "u8, 0xFF, 0xC3, .. "\",\"referencesChecked\":true}"u8];
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");

        await AssertRefused(await reviewer.PostAsync($"/api/reviews/{id}/approvals", content), "comment", "invalid UTF-8");
        Assert.Equal(0, await api.WithDb(db => db.Approvals.CountAsync(a => a.ReviewId == id)));
    }

    private static string Around(string text) => $"Checked against the {text}SmPC";

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string url, JsonObject body) =>
        http.PostAsync(url, new StringContent(
            body.ToJsonString(JsonSerializerOptions.Web).Replace(LoneSurrogate, "\\ud800", StringComparison.Ordinal),
            Encoding.UTF8, "application/json"));

    private static async Task AssertRefused(HttpResponseMessage response, string member, string why)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{why}: expected 422, got {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(member, out _), $"{why}: expected an error for '{member}' in {errors}");
    }

    private async Task<string> StateAsync(HttpClient reviewer, Guid id) =>
        await reviewer.GetStringAsync($"/api/reviews/{id}") + await CountsAsync();

    private Task<string> CountsAsync() => api.WithDb(async db =>
        $"reviews {await db.Reviews.CountAsync()}, approvals {await db.Approvals.CountAsync()}, "
        + $"periodic {await db.PeriodicReviews.CountAsync()}, outbox {await db.Set<OutboxMessage>().CountAsync()}");
}
