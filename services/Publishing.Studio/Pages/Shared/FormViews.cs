using Publishing.Studio.Forms;

namespace Publishing.Studio.Pages;

public sealed record RowActions(string List, int Index, int Count, string Noun);

public sealed record RowStatus(string List, string? ChangedList, string? Message);

/// <summary>What the drug and article field partials need: the form, the API's errors, and the last row change.</summary>
public sealed record FieldsView<TForm>(TForm Form, FieldErrors Errors, string? ChangedList, string? RowMessage, MarkdownRenderer? Markdown = null);
