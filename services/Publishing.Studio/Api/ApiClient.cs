using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Publishing.Studio.Api;

/// <summary>
/// An RFC 9457 problem as the APIs return it, or one made up for an answer without a body.
/// <see cref="Errors"/> is keyed by the JSON path the API names, e.g. <c>fields.approvals[0].decision</c>.
/// </summary>
public sealed record ApiProblem(int Status, string Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors)
{
    public static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    public string Message => Detail ?? Title;

    /// <summary>The whole problem document, for the members a page reads beyond these (a merge's <c>conflicts</c>).</summary>
    public JsonElement? Body { get; init; }

    public static ApiProblem Unreachable(string service, Exception e) =>
        new(503, $"{service} could not be reached", $"The {service} service did not answer ({e.Message}). Try again in a moment.", NoErrors);
}

/// <summary>One API answer: a value, or a problem, and the ETag when there was one.</summary>
public sealed class ApiResult<T>
{
    public T? Value { get; init; }
    public ApiProblem? Problem { get; init; }
    public int Status { get; init; }
    public string? ETag { get; init; }

    public bool Ok => Problem is null;
}

/// <summary>Sends JSON and turns every non-2xx answer into an <see cref="ApiProblem"/>.</summary>
public abstract class ApiClient(HttpClient http, string service)
{
    protected static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected HttpClient Http => http;

    /// <summary>The service's name, as people read it ("Search").</summary>
    public string Service => service;

    /// <summary>Where the service is reached; services behind one address (the standalone host) share their error queues.</summary>
    public Uri? Address => http.BaseAddress;

    // Every service serves its own error queues at the same admin routes (docs/api.md, "Error queues").
    public Task<ApiResult<List<ErrorQueue>>> ErrorQueuesAsync(CancellationToken ct) =>
        GetAsync<List<ErrorQueue>>("api/admin/error-queues", ct);

    public Task<ApiResult<List<ParkedMessage>>> ParkedMessagesAsync(string queue, CancellationToken ct) =>
        GetAsync<List<ParkedMessage>>($"api/admin/error-queues/{Uri.EscapeDataString(queue)}/messages", ct);

    public Task<ApiResult<RedriveResult>> RedriveAsync(string queue, CancellationToken ct) =>
        PostAsync<RedriveResult>($"api/admin/error-queues/{Uri.EscapeDataString(queue)}/redrive", null, ct);

    public Task<ApiResult<PurgeResult>> PurgeAsync(string queue, CancellationToken ct) =>
        SendAsync<PurgeResult>(HttpMethod.Delete, $"api/admin/error-queues/{Uri.EscapeDataString(queue)}/messages", null, null, ct);

    protected Task<ApiResult<T>> GetAsync<T>(string path, CancellationToken ct) => SendAsync<T>(HttpMethod.Get, path, null, null, ct);

    protected Task<ApiResult<T>> PostAsync<T>(string path, object? body, CancellationToken ct) => SendAsync<T>(HttpMethod.Post, path, body, null, ct);

    protected async Task<ApiResult<T>> SendAsync<T>(
        HttpMethod method, string path, object? body, Action<HttpRequestMessage>? configure, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        configure?.Invoke(request);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new ApiResult<T> { Problem = ApiProblem.Unreachable(service, e), Status = 503 };
        }

        using (response)
        {
            var etag = response.Headers.ETag?.Tag;
            if (!response.IsSuccessStatusCode)
                return new ApiResult<T> { Problem = await ReadProblemAsync(response, ct), Status = (int)response.StatusCode, ETag = etag };
            T? value = default;
            if (response.StatusCode != HttpStatusCode.NoContent && response.Content.Headers.ContentLength != 0
                && typeof(T) != typeof(NoBody))
                value = await response.Content.ReadFromJsonAsync<T>(Json, ct);
            return new ApiResult<T> { Value = value, Status = (int)response.StatusCode, ETag = etag };
        }
    }

    private static async Task<ApiProblem> ReadProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        string? title = null, detail = null;
        JsonElement? body = null;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        try
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!string.IsNullOrWhiteSpace(text))
            {
                using var doc = JsonDocument.Parse(text);
                var root = doc.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    body = root.Clone();
                    title = root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                    detail = root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                    if (root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object)
                        foreach (var member in e.EnumerateObject())
                            errors[member.Name] = member.Value.ValueKind == JsonValueKind.Array
                                ? member.Value.EnumerateArray().Select(x => x.ToString()).ToArray()
                                : [member.Value.ToString()];
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's error page): fall back to the status code's wording below.
        }

        title ??= status switch
        {
            401 => "You are signed out",
            403 => "Not allowed",
            404 => "Not found",
            409 => "Conflict",
            412 => "Someone else saved first",
            >= 500 => "The service had a problem",
            _ => response.ReasonPhrase ?? $"HTTP {status}",
        };
        detail ??= status switch
        {
            401 => "Your session has ended. Sign in again to continue.",
            403 => "Your role does not allow this.",
            >= 500 => "Nothing was changed. Try again in a moment; if it keeps failing, tell the support team.",
            _ => null,
        };
        return new ApiProblem(status, title, detail, errors) { Body = body };
    }
}

/// <summary>For calls whose answer body is not needed.</summary>
public sealed record NoBody;
