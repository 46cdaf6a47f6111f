using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;
using Publishing.Studio.Api;

namespace Publishing.Studio.Forms;

/// <summary>The API's validation errors, keyed by JSON path (<c>fields.approvals[0].decision</c>).</summary>
public sealed class FieldErrors(IReadOnlyDictionary<string, string[]> errors)
{
    public static readonly FieldErrors None = new(ApiProblem.NoErrors);

    public static FieldErrors From(ApiProblem? problem) => problem is null ? None : new FieldErrors(problem.Errors);

    public IReadOnlyDictionary<string, string[]> All => errors;

    public string[] For(string path) => errors.TryGetValue(path, out var e) ? e : [];

    public bool Any => errors.Count > 0;
}

/// <summary>
/// Form controls with what every control needs: a label tied to it, hint and error text announced
/// with it (aria-describedby), aria-invalid, and an id derived from the API's JSON path so an error
/// summary can link to the control it names. Validation is the API's; no HTML "required" blocks the
/// row buttons of a half-filled form.
/// </summary>
public static partial class Field
{
    private static readonly HtmlEncoder Enc = HtmlEncoder.Default;

    public static string Id(string path) => "f-" + NonWord().Replace(path, "-").Trim('-');

    public static IHtmlContent Input(FieldErrors errors, string path, string name, string label, string? value,
        string? hint = null, string type = "text", bool required = false, string? autocomplete = null, string? css = null) =>
        Wrap(errors, path, label, hint, required, css, (id, describedBy, invalid) =>
            $"<input type=\"{type}\" id=\"{id}\" name=\"{Enc.Encode(name)}\" value=\"{Enc.Encode(value ?? "")}\"{describedBy}{invalid}"
            + (required ? " aria-required=\"true\"" : "")
            + $" autocomplete=\"{autocomplete ?? "off"}\">");

    public static IHtmlContent TextArea(FieldErrors errors, string path, string name, string label, string? value,
        string? hint = null, int rows = 3, bool required = false, string? css = null) =>
        Wrap(errors, path, label, hint, required, css, (id, describedBy, invalid) =>
            $"<textarea id=\"{id}\" name=\"{Enc.Encode(name)}\" rows=\"{rows}\"{describedBy}{invalid}"
            + (required ? " aria-required=\"true\"" : "") + $">{Enc.Encode(value ?? "")}</textarea>");

    public static IHtmlContent Select(FieldErrors errors, string path, string name, string label, string? value,
        IEnumerable<(string Value, string Text)> options, string? emptyText = null, string? hint = null, bool required = false, string? css = null) =>
        Wrap(errors, path, label, hint, required, css, (id, describedBy, invalid) =>
        {
            var html = new StringBuilder($"<select id=\"{id}\" name=\"{Enc.Encode(name)}\"{describedBy}{invalid}"
                + (required ? " aria-required=\"true\"" : "") + ">");
            if (emptyText is not null) html.Append($"<option value=\"\">{Enc.Encode(emptyText)}</option>");
            var known = false;
            foreach (var (v, t) in options)
            {
                var selected = string.Equals(v, value, StringComparison.Ordinal);
                known |= selected;
                html.Append($"<option value=\"{Enc.Encode(v)}\"{(selected ? " selected" : "")}>{Enc.Encode(t)}</option>");
            }
            // Keep a value the list does not know (so a save never silently changes it); the API will name it.
            if (!known && !string.IsNullOrEmpty(value))
                html.Append($"<option value=\"{Enc.Encode(value)}\" selected>{Enc.Encode(value)} (not a known value)</option>");
            return html.Append("</select>").ToString();
        });

    /// <summary>The errors of a whole list or group (e.g. <c>fields.references</c>), for its fieldset.</summary>
    public static IHtmlContent GroupErrors(FieldErrors errors, string path)
    {
        var messages = errors.For(path);
        if (messages.Length == 0) return HtmlString.Empty;
        var id = Id(path);
        return new HtmlString($"<div class=\"error\" id=\"{id}\" tabindex=\"-1\">"
            + string.Concat(messages.Select(m => $"<p><span class=\"visually-hidden\">Error: </span>{Enc.Encode(m)}</p>")) + "</div>");
    }

    private static HtmlString Wrap(FieldErrors errors, string path, string label, string? hint, bool required, string? css,
        Func<string, string, string, string> control)
    {
        var id = Id(path);
        var messages = errors.For(path);
        var described = new List<string>();
        var html = new StringBuilder($"<div class=\"field{(messages.Length > 0 ? " has-error" : "")}{(css is null ? "" : " " + css)}\">");
        html.Append($"<label for=\"{id}\">{Enc.Encode(label)}{(required ? " <span class=\"req\">(required)</span>" : "")}</label>");
        if (hint is not null)
        {
            html.Append($"<p class=\"hint\" id=\"{id}-hint\">{Enc.Encode(hint)}</p>");
            described.Add($"{id}-hint");
        }
        if (messages.Length > 0)
        {
            html.Append($"<p class=\"error\" id=\"{id}-error\"><span class=\"visually-hidden\">Error: </span>{Enc.Encode(string.Join(" ", messages))}</p>");
            described.Add($"{id}-error");
        }
        var describedBy = described.Count > 0 ? $" aria-describedby=\"{string.Join(' ', described)}\"" : "";
        var invalid = messages.Length > 0 ? " aria-invalid=\"true\"" : "";
        html.Append(control(id, describedBy, invalid));
        return new HtmlString(html.Append("</div>").ToString());
    }

    /// <summary>
    /// "fields.sideEffects.serious[4]" as "Side effects › Serious › 5"; a list item the diff names by
    /// its identity ("indications[GIST]") keeps that name, shortened.
    /// </summary>
    public static string Describe(string path)
    {
        var parts = new List<string>();
        var rest = path.StartsWith("fields.", StringComparison.Ordinal) ? path[7..] : path;
        foreach (Match m in PathSegment().Matches(rest))
        {
            parts.Add(Humanize(m.Groups["name"].Value));
            if (!m.Groups["key"].Success) continue;
            var key = m.Groups["key"].Value;
            parts.Add(int.TryParse(key, out var i) ? (i + 1).ToString() : $"“{(key.Length > 48 ? key[..47] + "…" : key)}”");
        }
        return string.Join(" › ", parts.Where(p => p.Length > 0));
    }

    private static string Humanize(string camel)
    {
        if (camel.Length == 0) return camel;
        var spaced = Words().Replace(camel, " $1").ToLowerInvariant();
        return char.ToUpperInvariant(spaced[0]) + spaced[1..];
    }

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex NonWord();

    // name, then an optional [key] whose text may itself contain dots or brackets (up to the "]" before the next "." or the end).
    [GeneratedRegex(@"(?<name>[^.\[]*)(?:\[(?<key>.*?)\](?=\.|$))?(?:\.|$)")]
    private static partial Regex PathSegment();

    [GeneratedRegex("(?<=[a-z])([A-Z])")]
    private static partial Regex Words();
}
