namespace Publishing.Studio.Api;

public sealed record ReleaseMember(
    string Slug, string Kind, string Title, int Revision, string State, bool Blocks, string Detail, string? WithdrawalReason);

public sealed record ReleaseDetail(
    Guid Id, string Name, string Status, DateTimeOffset? GoLiveAt, string? Failure, string CreatedByName, DateTimeOffset CreatedAt,
    string? PublishedByName, DateTimeOffset? PublishedAt, bool Ready, List<ReleaseMember> Members);

public sealed record ReleaseSummary(Guid Id, string Name, string Status, DateTimeOffset? GoLiveAt, int Members, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt);

/// <summary>Authoring's release routes (docs/api.md, "Releases").</summary>
public sealed class ReleasesApi(HttpClient http) : ApiClient(http, "Authoring")
{
    public Task<ApiResult<List<ReleaseSummary>>> ListAsync(CancellationToken ct) => GetAsync<List<ReleaseSummary>>("api/releases", ct);

    public Task<ApiResult<ReleaseDetail>> GetAsync(Guid id, CancellationToken ct) => GetAsync<ReleaseDetail>($"api/releases/{id}", ct);

    public Task<ApiResult<ReleaseDetail>> CreateAsync(string name, CancellationToken ct) => PostAsync<ReleaseDetail>("api/releases", new { name }, ct);

    public Task<ApiResult<ReleaseDetail>> AddChangeAsync(Guid id, string slug, CancellationToken ct) =>
        PostAsync<ReleaseDetail>($"api/releases/{id}/members", new { slug, kind = "change" }, ct);

    public Task<ApiResult<ReleaseDetail>> AddWithdrawalAsync(Guid id, string slug, string reason, string confirmTitle, CancellationToken ct) =>
        PostAsync<ReleaseDetail>($"api/releases/{id}/members", new { slug, kind = "withdrawal", reason, confirmTitle }, ct);

    public Task<ApiResult<ReleaseDetail>> RemoveAsync(Guid id, string slug, CancellationToken ct) =>
        SendAsync<ReleaseDetail>(HttpMethod.Delete, $"api/releases/{id}/members/{Uri.EscapeDataString(slug)}", null, null, ct);

    public Task<ApiResult<ReleaseDetail>> GoLiveAsync(Guid id, CancellationToken ct) => PostAsync<ReleaseDetail>($"api/releases/{id}/go-live", null, ct);

    public Task<ApiResult<ReleaseDetail>> ScheduleAsync(Guid id, DateTimeOffset goLiveAt, CancellationToken ct) =>
        SendAsync<ReleaseDetail>(HttpMethod.Put, $"api/releases/{id}/schedule", new { goLiveAt }, null, ct);

    public Task<ApiResult<ReleaseDetail>> CancelScheduleAsync(Guid id, CancellationToken ct) =>
        SendAsync<ReleaseDetail>(HttpMethod.Delete, $"api/releases/{id}/schedule", null, null, ct);
}
