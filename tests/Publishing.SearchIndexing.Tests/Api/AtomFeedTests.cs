using System.Net;
using System.Xml.Linq;
using Publishing.SearchIndexing.Changes;
using Xunit;

namespace Publishing.SearchIndexing.Tests.Api;

/// <summary>The Atom feed never fails on stored text, and its links come only from PublicBaseUrl.</summary>
public sealed class AtomFeedTests : IAsyncLifetime
{
    private const string PublicBaseUrl = "https://content.example.org/";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private readonly SearchApi _api = new(new Dictionary<string, string?> { ["PublicBaseUrl"] = PublicBaseUrl });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private async Task<XDocument> FeedAsync(HttpClient client)
    {
        var response = await client.GetAsync("/feed.atom");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return XDocument.Parse(await response.Content.ReadAsStringAsync()); // throws on anything that is not well-formed XML
    }

    [Theory]
    [InlineData("nul", "Imatinib\0 (Glivec)")]
    [InlineData("esc", "Imatinib \u001B[31m(Glivec)")]
    [InlineData("mixed", "Imatinib\u0001\u0008\u000B\u000C\u001F\uFFFE (Glivec)")]
    public async Task A_title_with_characters_XML_cannot_carry_still_gives_a_well_formed_feed(string name, string title)
    {
        // Authoring refuses such titles, but the feed must not depend on it: an event from another producer still arrives.
        var slug = $"atom-{name}-{Guid.NewGuid():N}"[..20];
        await _api.DeliverAsync(SearchApi.Published("imatinib", slug, 1) with { Title = title });

        var feed = await FeedAsync(_api.CreateClient());

        var entry = Assert.Single(feed.Root!.Elements(Atom + "entry"),
            e => e.Element(Atom + "link")!.Attribute("href")!.Value == $"{PublicBaseUrl}api/published/{slug}");
        var shown = entry.Element(Atom + "title")!.Value;
        Assert.StartsWith("Published: Imatinib", shown);
        Assert.Contains("(Glivec)", shown);
        Assert.Contains('\uFFFD', shown);
    }

    [Fact]
    public void Lone_surrogates_become_replacement_characters_and_pairs_stay()
    {
        // SQLite stores text as UTF-8, so a lone surrogate cannot reach the feed through it; SQL Server's nvarchar can.
        var text = "a\uD800b\uDC00c\uD83D\uDE00d";

        var clean = XmlText.Clean(text);

        Assert.Equal("a\uFFFDb\uFFFDc\uD83D\uDE00d", clean);
        Assert.Equal(clean, XElement.Parse(new XElement("t", clean).ToString()).Value);
    }

    [Fact]
    public async Task Links_come_from_PublicBaseUrl_whatever_Host_and_forwarded_headers_say()
    {
        var slug = $"atom-host-{Guid.NewGuid():N}"[..20];
        await _api.DeliverAsync(SearchApi.Published("sunitinib", slug, 1));
        var client = _api.CreateClient();
        client.DefaultRequestHeaders.Host = "evil.example";
        client.DefaultRequestHeaders.Add("X-Forwarded-Host", "evil.example");
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "http");
        client.DefaultRequestHeaders.Add("X-Forwarded-Prefix", "/evil");

        var feed = await FeedAsync(client);

        var links = feed.Descendants(Atom + "link").Select(l => l.Attribute("href")!.Value).ToList();
        Assert.Contains($"{PublicBaseUrl}feed.atom", links);
        Assert.Contains($"{PublicBaseUrl}api/published/{slug}", links);
        Assert.All(links, l => Assert.StartsWith(PublicBaseUrl, l));
        Assert.Equal($"{PublicBaseUrl}feed.atom", feed.Root!.Element(Atom + "id")!.Value);
        Assert.DoesNotContain("evil", feed.ToString());
    }
}
