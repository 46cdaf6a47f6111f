using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Publishing.Contracts;
using Publishing.SearchIndexing.Data;
using Publishing.ServiceDefaults.Hosting;

namespace Publishing.SearchIndexing.Changes;

/// <summary>
/// <c>GET /feed.atom</c>: the newest changes of the change feed as an Atom 1.0 feed (RFC 4287). Links
/// are absolute from <c>PublicBaseUrl</c>, never from the request's Host header (a cache could keep a
/// feed pointing elsewhere). Stored text goes through <see cref="XmlText"/>: one character XML cannot
/// carry must not turn the whole feed into an error.
/// </summary>
public static class GetAtomFeed
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private const int Entries = 50;

    public static async Task<IResult> Handle(PublicOrigin origin, SearchDbContext db, CancellationToken ct)
    {
        var changes = await db.Changes.AsNoTracking().OrderByDescending(c => c.Cursor).Take(Entries).ToListAsync(ct);
        var titles = await db.Documents.AsNoTracking()
            .Where(d => changes.Select(c => c.Slug).Contains(d.Slug))
            .ToDictionaryAsync(d => d.Slug, d => d.Title, ct);
        var updated = changes.Count > 0 ? changes[0].At : DateTimeOffset.UnixEpoch;

        var feed = new XElement(Atom + "feed",
            new XElement(Atom + "id", origin.Link("feed.atom").AbsoluteUri),
            new XElement(Atom + "title", "Publishing: content changes"),
            new XElement(Atom + "updated", Stamp(updated)),
            new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("href", origin.Link("feed.atom").AbsoluteUri)),
            new XElement(Atom + "author", new XElement(Atom + "name", "Publishing")),
            changes.Select(c => new XElement(Atom + "entry",
                new XElement(Atom + "id", $"urn:publishing:change:{c.Cursor.ToString(CultureInfo.InvariantCulture)}"),
                new XElement(Atom + "title", XmlText.Clean($"{Describe(c.Type)}: {titles.GetValueOrDefault(c.Slug, c.Slug)} (revision {c.Revision})")),
                new XElement(Atom + "updated", Stamp(c.At)),
                new XElement(Atom + "category", new XAttribute("term", c.Type)),
                new XElement(Atom + "link", new XAttribute("href", origin.Link($"api/published/{Uri.EscapeDataString(c.Slug)}").AbsoluteUri)),
                new XElement(Atom + "summary", $"{c.Slug} revision {c.Revision}: {c.Type}"))));
        return Results.Text("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + feed, "application/atom+xml", Encoding.UTF8);
    }

    private static string Stamp(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Describe(string type) => type switch
    {
        EventTypes.Published => "Published",
        EventTypes.Withdrawn => "Withdrawn",
        EventTypes.Reviewed => "Reviewed",
        _ => type,
    };
}

