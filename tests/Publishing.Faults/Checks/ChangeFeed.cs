using System.Net;
using Publishing.Faults.Traffic;

namespace Publishing.Faults.Checks;

/// <summary>
/// Search's public change feed (<c>/api/changes</c>) read as a subscriber reads it, from its last cursor on,
/// keeping how many times each (type, slug, revision) appeared over the whole run.
/// </summary>
public sealed class ChangeFeed(HttpClient search)
{
    private readonly Dictionary<(string Type, string Slug, int Revision), int> _seen = [];
    private string? _cursor;

    public int Count(string type, string slug, int revision) => _seen.GetValueOrDefault((type, slug, revision));

    public int CountForSlug(string slug) => _seen.Where(e => e.Key.Slug == slug).Sum(e => e.Value);

    /// <summary>Reads what is new; false when Search did not answer (it may be down).</summary>
    public async Task<bool> ReadAsync()
    {
        for (var page = 0; page < 100; page++)
        {
            var path = _cursor is null ? "api/changes?limit=1000" : $"api/changes?after={Uri.EscapeDataString(_cursor)}&limit=1000";
            if (await Api.TryGetAsync(search, path) is not { Status: HttpStatusCode.OK } answer) return false;
            var items = answer.Body.GetProperty("items");
            foreach (var item in items.EnumerateArray())
            {
                var key = (item.GetProperty("type").GetString()!, item.GetProperty("slug").GetString()!, item.GetProperty("revision").GetInt32());
                _seen[key] = _seen.GetValueOrDefault(key) + 1;
            }
            if (answer.Body.TryGetProperty("next", out var next) && next.ValueKind == System.Text.Json.JsonValueKind.String)
                _cursor = next.GetString();
            if (items.GetArrayLength() < 1000) return true;
        }
        return true;
    }
}
