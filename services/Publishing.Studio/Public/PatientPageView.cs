using System.Text.Json;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Publishing.Studio.Api;

namespace Publishing.Studio.Public;

/// <summary>
/// What the patient page template (<c>Pages/Shared/_PatientPage.cshtml</c>) shows: an item's title
/// and fields; on the public page also its dates and sign-offs. The review page shows revisions with
/// the same template, so a reviewer sees the page as patients will.
/// </summary>
/// <param name="Type"><c>drug</c> or <c>article</c>.</param>
public sealed record PatientPageView(string Type, string Title, JsonElement Fields)
{
    /// <summary>The heading level of the title: 1 on the public page, lower inside another page.</summary>
    public int Level { get; init; } = 1;

    /// <summary>Prefixes the ids of the page's headings, so two previews can share a page.</summary>
    public string IdPrefix { get; init; } = "patient";

    /// <summary>The published copy's dates, revision and sign-offs; null in a preview.</summary>
    public PublishedContent? Published { get; init; }

    /// <summary>A revision shown through a preview link: not published, so its sign-offs may be incomplete.</summary>
    public bool IsPreview { get; init; }

    public static PatientPageView From(PublishedContent doc) => new(doc.Type, doc.Title, doc.Fields) { Published = doc };

    public string Id(string name) => $"{IdPrefix}-{name}";

    /// <summary>A heading <paramref name="depth"/> levels below the title's (0: the title itself).</summary>
    public IHtmlContent Heading(int depth, string text, string? id = null)
    {
        var tag = new TagBuilder($"h{Math.Min(6, Level + depth)}");
        if (id is not null) tag.Attributes["id"] = Id(id);
        tag.InnerHtml.Append(text);
        return tag;
    }
}
