using Publishing.Studio.Forms;
using Publishing.Studio.Api;

namespace Publishing.Studio.Pages;

public sealed record RowActions(string List, int Index, int Count, string Noun);

/// <summary>
/// What the editor's script needs to add, remove and reorder a list's rows in place: the list's
/// name (as in the row buttons' values), the form name and field id its rows' inputs start with,
/// and what one row is called. Without the script the row buttons post the form, as before.
/// </summary>
public sealed record RowList(string List, string NamePrefix, string IdPrefix, string Noun)
{
    public Microsoft.AspNetCore.Html.IHtmlContent Attributes() => new Microsoft.AspNetCore.Html.HtmlString(
        $"data-list=\"{Enc(List)}\" data-name-prefix=\"{Enc(NamePrefix)}\" data-id-prefix=\"{Enc(IdPrefix)}\" data-noun=\"{Enc(Noun)}\"");

    private static string Enc(string s) => System.Text.Encodings.Web.HtmlEncoder.Default.Encode(s);
}

public sealed record RowStatus(string List, string? ChangedList, string? Message);

/// <summary>What the drug and article field partials need: the form, the API's errors, and the last row change.</summary>
public sealed record FieldsView<TForm>(TForm Form, FieldErrors Errors, string? ChangedList, string? RowMessage, MarkdownRenderer? Markdown = null);

/// <summary>A save's answer, for the panel after the redirect.</summary>
public sealed record SaveOutcomeView(SaveResult Result, ContentDetail Item);

/// <summary>The item's open review, for the editor following it.</summary>
public sealed record ReviewProgressView(ContentDetail Item, ReviewProgress? Progress);

/// <summary>Fields both editors changed, with the choice already made for each (if any).</summary>
public sealed record MergePromptView(MergeConflicts Conflicts, Func<string, string?> ChoiceFor);

/// <summary>Guard warnings as a list, with links to the fields where the form is on the page.</summary>
public sealed record GuardWarningsView(
    IReadOnlyList<GuardWarning> Warnings, string Heading, int Level, bool LinkFields, string TestId = "guard-warnings", string? Note = null);
