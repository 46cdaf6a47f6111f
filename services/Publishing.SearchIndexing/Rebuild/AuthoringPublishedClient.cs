using System.Net.Http.Headers;
using System.Text.Json;
using Publishing.Contracts;

namespace Publishing.SearchIndexing.Rebuild;

/// <summary>Reads every published revision from Authoring's internal endpoint, page by page.</summary>
public sealed class AuthoringPublishedClient(HttpClient http)
{
    private sealed record Page(List<ContentPublished> Items, string? Next);

    public async IAsyncEnumerable<IReadOnlyList<ContentPublished>> ReadAllAsync(
        Uri authoring, string? bearerToken, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        string? after = null;
        do
        {
            var url = new Uri(authoring, $"/api/internal/published?limit=200{(after is null ? "" : $"&after={Uri.EscapeDataString(after)}")}");
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (bearerToken is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
            using var response = await http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"Authoring answered {(int)response.StatusCode} for {url}.");
            var page = await JsonSerializer.DeserializeAsync<Page>(await response.Content.ReadAsStreamAsync(ct), JsonSerializerOptions.Web, ct)
                ?? throw new InvalidOperationException("Authoring sent an empty page.");
            yield return page.Items;
            after = page.Next;
        }
        while (after is not null);
    }
}
