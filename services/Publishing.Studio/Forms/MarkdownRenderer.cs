using Ganss.Xss;
using Markdig;
using Microsoft.AspNetCore.Html;

namespace Publishing.Studio.Forms;

/// <summary>Article Markdown to HTML, with raw HTML disabled and the result sanitized as well.</summary>
public sealed class MarkdownRenderer
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .DisableHtml()
        .Build();

    public IHtmlContent Render(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return HtmlString.Empty;
        var html = Markdown.ToHtml(markdown, _pipeline);
        // A new sanitizer per call: its configuration is mutable state, and this is cheap next to a page.
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("mailto");
        return new HtmlString(sanitizer.Sanitize(html));
    }
}
