using System.Text.Json;
using Publishing.Contracts;
using Publishing.ServiceDefaults.Auth;

namespace Publishing.SearchIndexing.Rebuild;

/// <summary>
/// Reads every published revision from Authoring's internal endpoint at <c>Services:Authoring</c>,
/// the only address it ever calls (never one taken from a request), as this service with its own
/// token (<see cref="ServiceTokenHandler"/>), never with the token of the admin who asked.
/// </summary>
public sealed class AuthoringPublishedClient(HttpClient http) : IPublishedRevisionSource
{
    public const string AddressKey = "Services:Authoring";

    private sealed record Page(List<ContentPublished> Items, string? Next);

    public string? Unavailable => http.BaseAddress is null
        ? $"{AddressKey} is not set: a rebuild reads only from Authoring's configured address."
        : null;

    /// <summary>The configured address, checked while the host is built; null when unset.</summary>
    public static Uri? Address(IConfiguration config)
    {
        if (config[AddressKey] is not { Length: > 0 } address) return null;
        if (!Uri.TryCreate(address.EndsWith('/') ? address : address + "/", UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new ServiceDefaults.Hosting.StartupRefusedException($"{AddressKey} '{address}' is not an absolute http(s) URL.");
        return uri;
    }

    public async IAsyncEnumerable<IReadOnlyList<ContentPublished>> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        if (Unavailable is { } why) throw new InvalidOperationException(why);
        string? after = null;
        do
        {
            var url = $"api/internal/published?limit=200{(after is null ? "" : $"&after={Uri.EscapeDataString(after)}")}";
            using var response = await http.GetAsync(url, ct);
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"Authoring answered {(int)response.StatusCode} for {new Uri(http.BaseAddress!, url)}.");
            var page = await JsonSerializer.DeserializeAsync<Page>(await response.Content.ReadAsStreamAsync(ct), JsonSerializerOptions.Web, ct)
                ?? throw new InvalidOperationException("Authoring sent an empty page.");
            yield return page.Items;
            after = page.Next;
        }
        while (after is not null);
    }
}
