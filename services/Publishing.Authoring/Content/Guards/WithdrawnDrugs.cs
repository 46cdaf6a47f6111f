using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Publishing.Authoring.Data;
using static Publishing.Authoring.Content.Diff.JsonValues;

namespace Publishing.Authoring.Content.Guards;

/// <summary>The drug entries that are withdrawn now (withdrawn and not published again), from Authoring's own data.</summary>
public static class WithdrawnDrugs
{
    public static async Task<IReadOnlyList<WithdrawnDrug>> LoadAsync(AuthoringDbContext db, Guid except, CancellationToken ct)
    {
        var rows = await db.Content.AsNoTracking()
            .Where(c => c.Type == ContentTypes.Drug && c.WithdrawnAt != null && c.PublishedRevision == null && c.Id != except)
            .Join(db.Revisions.AsNoTracking(), c => new { c.Id, Number = c.CurrentRevision }, r => new { Id = r.ContentId, r.Number },
                (c, r) => new { c.Slug, r.Title, r.Fields })
            .ToListAsync(ct);
        return rows.Select(r => new WithdrawnDrug(r.Slug, r.Title, Names(r.Slug, Json.Parse(r.Fields)))).ToList();
    }

    /// <summary>The slug (as words), the generic name and every brand name.</summary>
    private static IReadOnlyList<string> Names(string slug, JsonElement fields)
    {
        var names = new List<string> { slug, slug.Replace('-', ' ') };
        if (Str(fields, "genericName") is { Length: > 0 } generic) names.Add(generic);
        if (Get(fields, "brandNames") is { ValueKind: JsonValueKind.Array } brands)
            names.AddRange(brands.EnumerateArray().Where(b => b.ValueKind == JsonValueKind.String).Select(b => b.GetString()!));
        return names.Where(n => n.Trim().Length >= 3).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
