using System.Text.Json;
using Microsoft.Net.Http.Headers;

namespace Publishing.Studio.Api;

public sealed class AuthoringApi(HttpClient http) : ApiClient(http, "Authoring")
{
    public Task<ApiResult<List<ContentSummary>>> ListAsync(string? status, string? type, CancellationToken ct) =>
        GetAsync<List<ContentSummary>>("api/content" + Query(("status", status), ("type", type)), ct);

    public Task<ApiResult<ContentDetail>> GetAsync(string slug, CancellationToken ct) =>
        GetAsync<ContentDetail>($"api/content/{Uri.EscapeDataString(slug)}", ct);

    public Task<ApiResult<ContentDetail>> CreateAsync(string type, string slug, string title, JsonElement fields, CancellationToken ct) =>
        PostAsync<ContentDetail>("api/content", new { type, slug, title, fields }, ct);

    /// <summary>
    /// Saves a new revision; <paramref name="baseRevision"/> goes in If-Match. A newer revision by
    /// someone else is merged into (409 naming the fields both changed, until <paramref name="resolutions"/> settles them).
    /// </summary>
    public Task<ApiResult<SaveResult>> SaveAsync(string slug, int baseRevision, string title, JsonElement fields,
        IReadOnlyDictionary<string, string>? resolutions, CancellationToken ct) =>
        SendAsync<SaveResult>(HttpMethod.Put, $"api/content/{Uri.EscapeDataString(slug)}",
            new { title, fields, merge = true, resolutions = resolutions is { Count: > 0 } ? resolutions : null },
            r => r.Headers.TryAddWithoutValidation(HeaderNames.IfMatch, $"\"{baseRevision}\""), ct);

    public Task<ApiResult<SubmissionDetail>> SubmissionAsync(string slug, Guid reviewId, CancellationToken ct) =>
        GetAsync<SubmissionDetail>($"api/content/{Uri.EscapeDataString(slug)}/submissions/{reviewId}", ct);

    public Task<ApiResult<SubmissionDetail>> RecallAsync(string slug, Guid reviewId, CancellationToken ct) =>
        PostAsync<SubmissionDetail>($"api/content/{Uri.EscapeDataString(slug)}/submissions/{reviewId}/recall", null, ct);

    /// <param name="publishAt">The go-live time as the API reads it (ISO 8601 with its offset), or null to go live on approval.</param>
    public Task<ApiResult<SubmitResult>> SubmitAsync(string slug, string changeSummary, string reason, string? changeClass, CancellationToken ct,
        string? publishAt = null) =>
        PostAsync<SubmitResult>($"api/content/{Uri.EscapeDataString(slug)}/submissions", new { changeSummary, reason, changeClass, publishAt }, ct);

    /// <summary>Schedules an approved item, or moves a scheduled one's go-live time.</summary>
    public Task<ApiResult<GoLiveResult>> ScheduleAsync(string slug, string? publishAt, CancellationToken ct) =>
        SendAsync<GoLiveResult>(HttpMethod.Put, $"api/content/{Uri.EscapeDataString(slug)}/schedule", new { publishAt }, null, ct);

    /// <summary>Cancels a go-live time: the item stays approved and unpublished.</summary>
    public Task<ApiResult<GoLiveResult>> CancelScheduleAsync(string slug, CancellationToken ct) =>
        SendAsync<GoLiveResult>(HttpMethod.Delete, $"api/content/{Uri.EscapeDataString(slug)}/schedule", null, null, ct);

    /// <summary>Publishes an approved or scheduled revision now.</summary>
    public Task<ApiResult<GoLiveResult>> PublishNowAsync(string slug, CancellationToken ct) =>
        PostAsync<GoLiveResult>($"api/content/{Uri.EscapeDataString(slug)}/publication", null, ct);

    public Task<ApiResult<List<RevisionSummary>>> RevisionsAsync(string slug, CancellationToken ct) =>
        GetAsync<List<RevisionSummary>>($"api/content/{Uri.EscapeDataString(slug)}/revisions", ct);

    public Task<ApiResult<RevisionDetail>> RevisionAsync(string slug, int number, CancellationToken ct) =>
        GetAsync<RevisionDetail>($"api/content/{Uri.EscapeDataString(slug)}/revisions/{number}", ct);

    public Task<ApiResult<ContentDiff>> DiffAsync(string slug, int? from, int? to, CancellationToken ct) =>
        GetAsync<ContentDiff>($"api/content/{Uri.EscapeDataString(slug)}/diff" + Query(("from", from?.ToString()), ("to", to?.ToString())), ct);

    /// <summary>Makes revision <paramref name="number"/>'s content a new revision; <paramref name="baseRevision"/> (the latest) goes in If-Match.</summary>
    public Task<ApiResult<SaveResult>> RestoreAsync(string slug, int number, int baseRevision, CancellationToken ct) =>
        SendAsync<SaveResult>(HttpMethod.Post, $"api/content/{Uri.EscapeDataString(slug)}/revisions/{number}/restore", null,
            r => r.Headers.TryAddWithoutValidation(HeaderNames.IfMatch, $"\"{baseRevision}\""), ct);

    /// <summary>A read-only link to the revision in review (else the latest approved) for <paramref name="expiresIn"/> (ISO 8601).</summary>
    public Task<ApiResult<SharedPreview>> SharePreviewAsync(string slug, string expiresIn, CancellationToken ct) =>
        PostAsync<SharedPreview>($"api/content/{Uri.EscapeDataString(slug)}/previews", new { expiresIn }, ct);

    public Task<ApiResult<List<PreviewLink>>> PreviewLinksAsync(string slug, CancellationToken ct) =>
        GetAsync<List<PreviewLink>>($"api/content/{Uri.EscapeDataString(slug)}/previews", ct);

    public Task<ApiResult<NoBody>> RevokePreviewAsync(string slug, Guid id, CancellationToken ct) =>
        SendAsync<NoBody>(HttpMethod.Delete, $"api/content/{Uri.EscapeDataString(slug)}/previews/{id}", null, null, ct);

    /// <summary>The anonymous read of a preview link (404 unknown, 410 ended, with a problem saying why).</summary>
    public Task<ApiResult<JsonElement>> PreviewAsync(string token, CancellationToken ct) =>
        GetAsync<JsonElement>($"api/previews/{Uri.EscapeDataString(token)}", ct);

    /// <summary>Withdraws the published revision; the API refuses it (422) unless <paramref name="confirmTitle"/> is its title.</summary>
    public Task<ApiResult<NoBody>> WithdrawAsync(string slug, string reason, string confirmTitle, CancellationToken ct) =>
        PostAsync<NoBody>($"api/content/{Uri.EscapeDataString(slug)}/withdrawal", new { reason, confirmTitle }, ct);

    /// <summary>The published items that list, name or share tags with <paramref name="slug"/>.</summary>
    public Task<ApiResult<List<RelatedItem>>> RelatedAsync(string slug, CancellationToken ct) =>
        GetAsync<List<RelatedItem>>($"api/content/{Uri.EscapeDataString(slug)}/related", ct);

    public Task<ApiResult<List<AuditEntry>>> AuditAsync(string slug, CancellationToken ct) =>
        GetAsync<List<AuditEntry>>($"api/content/{Uri.EscapeDataString(slug)}/audit", ct);

    /// <summary>The dev token issuer (only where <c>Auth:DevIssuer:Enabled</c>); anonymous.</summary>
    public Task<ApiResult<DevToken>> IssueDevTokenAsync(string userId, string name, string[] roles, string? qualification, CancellationToken ct) =>
        PostAsync<DevToken>("api/dev/tokens", new { userId, name, roles, qualification }, ct);

    internal static string Query(params (string Name, string? Value)[] parameters)
    {
        var parts = parameters.Where(p => !string.IsNullOrEmpty(p.Value))
            .Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}

public sealed class ReviewApi(HttpClient http) : ApiClient(http, "Review")
{
    public Task<ApiResult<List<ReviewSummary>>> QueueAsync(string? status, CancellationToken ct) =>
        GetAsync<List<ReviewSummary>>("api/reviews" + AuthoringApi.Query(("status", status)), ct);

    /// <summary>The pending reviews the signed-in reviewer may sign off and has not.</summary>
    public Task<ApiResult<List<ReviewSummary>>> AwaitingMeAsync(CancellationToken ct) =>
        GetAsync<List<ReviewSummary>>("api/reviews?status=pending&awaiting=me", ct);

    public Task<ApiResult<ReviewDetail>> GetAsync(Guid id, CancellationToken ct) => GetAsync<ReviewDetail>($"api/reviews/{id}", ct);

    /// <summary>Status and sign-offs so far; any staff member (the editor following their submission).</summary>
    public Task<ApiResult<ReviewProgress>> ProgressAsync(Guid id, CancellationToken ct) => GetAsync<ReviewProgress>($"api/reviews/{id}/progress", ct);

    public Task<ApiResult<ApproveResult>> ApproveAsync(Guid id, string? comment, bool referencesChecked, CancellationToken ct) =>
        PostAsync<ApproveResult>($"api/reviews/{id}/approvals", new { comment, referencesChecked }, ct);

    public Task<ApiResult<NoBody>> RequestChangesAsync(Guid id, string? comment, CancellationToken ct) =>
        PostAsync<NoBody>($"api/reviews/{id}/change-requests", new { comment }, ct);

    public Task<ApiResult<NoBody>> ConfirmPeriodicAsync(string slug, string? comment, bool referencesChecked, CancellationToken ct) =>
        PostAsync<NoBody>("api/reviews/periodic", new { slug, comment, referencesChecked }, ct);
}

public sealed class SearchApi(HttpClient http) : ApiClient(http, "Search")
{
    /// <summary>The published revision; a withdrawn item answers 410 with its tombstone (read with <see cref="TombstoneAsync"/>).</summary>
    public Task<ApiResult<PublishedContent>> PublishedAsync(string slug, CancellationToken ct) =>
        GetAsync<PublishedContent>($"api/published/{Uri.EscapeDataString(slug)}", ct);

    public async Task<Tombstone?> TombstoneAsync(string slug, CancellationToken ct)
    {
        using var response = await Http.GetAsync($"api/published/{Uri.EscapeDataString(slug)}", ct);
        if ((int)response.StatusCode != 410) return null;
        try { return await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<Tombstone>(response.Content, Json, ct); }
        catch (JsonException) { return new Tombstone(slug, null, null); }
    }

    public Task<ApiResult<SearchResults>> SearchAsync(string q, string? type, CancellationToken ct) =>
        GetAsync<SearchResults>("api/search" + AuthoringApi.Query(("q", q), ("type", type)), ct);
}

public sealed class NotificationsApi(HttpClient http) : ApiClient(http, "Notifications")
{
    public Task<ApiResult<List<Subscription>>> SubscriptionsAsync(CancellationToken ct) => GetAsync<List<Subscription>>("api/subscriptions", ct);

    public Task<ApiResult<Subscription>> SubscriptionAsync(Guid id, CancellationToken ct) => GetAsync<Subscription>($"api/subscriptions/{id}", ct);

    public Task<ApiResult<CreatedSubscription>> CreateAsync(string name, string url, string[] events, string[] types, string[] slugs, string[] tags, CancellationToken ct) =>
        PostAsync<CreatedSubscription>("api/subscriptions", new { name, url, events, filter = new { types, slugs, tags } }, ct);

    public Task<ApiResult<NoBody>> DeleteAsync(Guid id, CancellationToken ct) =>
        SendAsync<NoBody>(HttpMethod.Delete, $"api/subscriptions/{id}", null, null, ct);

    public Task<ApiResult<List<Delivery>>> DeliveriesAsync(Guid id, string? state, CancellationToken ct) =>
        GetAsync<List<Delivery>>($"api/subscriptions/{id}/deliveries" + AuthoringApi.Query(("state", state)), ct);

    public Task<ApiResult<NoBody>> RedeliverAsync(Guid id, long deliveryId, CancellationToken ct) =>
        PostAsync<NoBody>($"api/subscriptions/{id}/deliveries/{deliveryId}/redeliver", null, ct);
}
