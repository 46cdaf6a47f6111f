using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Authoring.Data;

namespace Publishing.Authoring.Content;

/// <summary>Where a published item names the subject: the field's path (as the diff names it), the words, and the text around them.</summary>
public sealed record Mention(string Path, string Term, string Excerpt);

/// <summary>A published item that relates to the subject, and every reason it does.</summary>
public sealed record RelatedItem(
    string Slug, string Type, string Title, int Revision, bool ListsAsRelatedDrug, IReadOnlyList<Mention> Mentions,
    IReadOnlyList<string> SharedTags);

/// <summary>
/// <c>GET /api/content/{slug}/related</c>: the published items that still present an item, say one
/// just withdrawn, so each can be changed. An item relates when its published revision lists the
/// subject's slug among its related drugs, names the subject in its title or text (the slug, the
/// title, a drug's generic and brand names, as whole words, any case; links aside), or shares a tag
/// with it. The subject is read from its working copy, which still holds its names after a withdrawal.
/// </summary>
public static class RelatedContent
{
    /// <summary>Enough for an editor to find each place; an item naming the drug more often is still listed, by these.</summary>
    public const int MaxMentionsPerItem = 10;

    private const int ExcerptRadius = 60;
    private const int MinTermLength = 3;

    public static async Task<Results<Ok<List<RelatedItem>>, ProblemHttpResult>> Handle(
        string slug, AuthoringDbContext db, CancellationToken ct)
    {
        var (item, problem) = await db.FindAsync(slug, ct);
        if (item is null) return problem!;
        var subject = await db.Revisions.AsNoTracking()
            .SingleAsync(r => r.ContentId == item.Id && r.Number == item.CurrentRevision, ct);
        var subjectFields = Json.Parse(subject.Fields);
        var names = NamePattern(Terms(item.Slug, subject.Title, subjectFields));
        var tags = Strings(subjectFields, "tags").ToHashSet(StringComparer.OrdinalIgnoreCase);

        // Every published revision is read: what names a drug is free text, which the database cannot search for us.
        var published = await (
                from c in db.Content.AsNoTracking()
                where c.PublishedRevision != null && c.Id != item.Id
                join r in db.Revisions.AsNoTracking() on new { ContentId = c.Id, Number = c.PublishedRevision!.Value }
                    equals new { r.ContentId, r.Number }
                orderby c.Slug
                select new { c.Slug, c.Type, r.Title, r.Number, r.Fields })
            .ToListAsync(ct);

        var related = new List<RelatedItem>();
        foreach (var candidate in published)
        {
            var fields = Json.Parse(candidate.Fields);
            var listed = Strings(fields, "relatedDrugs").Contains(item.Slug, StringComparer.Ordinal);
            var mentions = new List<Mention>();
            Find(names, "title", candidate.Title, mentions);
            Walk(names, fields, "", mentions);
            var shared = Strings(fields, "tags").Where(tags.Contains).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (listed || mentions.Count > 0 || shared.Count > 0)
                related.Add(new RelatedItem(candidate.Slug, candidate.Type, candidate.Title, candidate.Number, listed, mentions, shared));
        }
        return TypedResults.Ok(related
            .OrderByDescending(r => r.ListsAsRelatedDrug)
            .ThenByDescending(r => r.Mentions.Count)
            .ThenBy(r => r.Title, StringComparer.OrdinalIgnoreCase)
            .ToList());
    }

    /// <summary>The words that name the subject: its slug (also with spaces), its title, a drug's generic and brand names.</summary>
    internal static IReadOnlyList<string> Terms(string slug, string title, JsonElement fields)
    {
        var terms = new List<string> { slug, slug.Replace('-', ' '), title };
        if (fields.ValueKind == JsonValueKind.Object && fields.TryGetProperty("genericName", out var generic) && generic.ValueKind == JsonValueKind.String)
            terms.Add(generic.GetString()!);
        terms.AddRange(Strings(fields, "brandNames"));
        return terms.Select(t => t.Trim()).Where(t => t.Length >= MinTermLength)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(t => t.Length) // the longest first, so "Imatinib (Glivec)" wins over "imatinib"
            .ToList();
    }

    private static Regex NamePattern(IReadOnlyList<string> terms) =>
        new($@"(?<!\w)(?:{string.Join('|', terms.Select(Regex.Escape))})(?!\w)",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static void Walk(Regex names, JsonElement element, string path, List<Mention> into)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    // Related drugs are reported as such; links name pages, not what the text tells a reader.
                    if (path.Length == 0 && member.NameEquals("relatedDrugs")) continue;
                    Walk(names, member.Value, path.Length == 0 ? member.Name : $"{path}.{member.Name}", into);
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var value in element.EnumerateArray()) Walk(names, value, $"{path}[{index++}]", into);
                break;
            case JsonValueKind.String:
                var text = element.GetString()!;
                if (!text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                    Find(names, path, text, into);
                break;
        }
    }

    private static void Find(Regex names, string path, string text, List<Mention> into)
    {
        // An article's own title is also a field ("title"): one mention of a place is enough.
        if (into.Count >= MaxMentionsPerItem || into.Any(m => m.Path == path)) return;
        var match = names.Match(text);
        if (match.Success) into.Add(new Mention(path, match.Value, Excerpt(text, match)));
    }

    private static string Excerpt(string text, Match match)
    {
        var start = Math.Max(0, match.Index - ExcerptRadius);
        var end = Math.Min(text.Length, match.Index + match.Length + ExcerptRadius);
        // Whole words only at the cut ends.
        var space = start > 0 ? text.IndexOf(' ', start) : -1;
        if (space >= 0 && space < match.Index) start = space + 1;
        space = end < text.Length ? text.LastIndexOf(' ', end - 1) : -1;
        if (space >= match.Index + match.Length) end = space;
        var excerpt = string.Join(' ', text[start..end].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return (start > 0 ? "…" : "") + excerpt + (end < text.Length ? "…" : "");
    }

    private static IEnumerable<string> Strings(JsonElement fields, string name) =>
        fields.ValueKind == JsonValueKind.Object && fields.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!.Trim()).Where(v => v.Length > 0)
            : [];
}
