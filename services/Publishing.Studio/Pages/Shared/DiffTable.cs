using Microsoft.AspNetCore.Html;
using Publishing.Studio.Api;

namespace Publishing.Studio.Pages;

/// <summary>A field diff shown side by side: before, after, and the class of each change (safety highlighted).</summary>
public sealed record DiffTable(
    string Id, string Caption, IReadOnlyList<FieldChange> Changes, string BeforeLabel = "Before", string AfterLabel = "After",
    string EmptyText = "No changes.");

/// <summary>
/// Word runs of a changed text: the text before (kept and removed words), after (kept and added) or
/// both in one line (kept, removed, added in order). Removed words are struck through, added ones
/// underlined, and each says so in words for screen readers (studio.css), outside the text itself, so the
/// text of a side reads as the value it shows.
/// </summary>
public sealed record WordsView(IReadOnlyList<WordRun> Runs, WordsView.Side Show)
{
    public enum Side { Before, After, Both }

    /// <summary>The runs as HTML with no whitespace of its own (it is shown where white space is kept).</summary>
    public IHtmlContent Html()
    {
        var html = new HtmlContentBuilder();
        foreach (var run in Runs)
        {
            if (run.Kind is not ("removed" or "added"))
            {
                html.Append(run.Text);
                continue;
            }
            if (run.Kind == "removed" ? Show == Side.After : Show == Side.Before) continue;
            var (tag, label) = run.Kind == "removed" ? ("del", "removed") : ("ins", "added");
            html.AppendHtml($"<{tag} class=\"w-{label}\">");
            html.Append(run.Text);
            html.AppendHtml($"</{tag}>");
        }
        return html;
    }
}

public sealed record ItemNav(string Slug, string Current);
