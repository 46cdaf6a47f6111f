namespace Publishing.Contracts;

/// <summary>One field-level difference between two revisions; values are JSON text.</summary>
/// <param name="Kind"><c>added</c>, <c>removed</c> or <c>changed</c>; an edited list item is <c>changed</c>.</param>
/// <param name="BeforeText">The value before as people write it (a reference as a citation, tags as "gist, dfsp").</param>
/// <param name="AfterText">The value after as people write it.</param>
/// <param name="Words">For a changed text: the words kept, removed and added, in order; null otherwise.</param>
public sealed record FieldChange(
    string Path,
    string Kind,
    string? Before,
    string? After,
    string ChangeClass,
    string? BeforeText = null,
    string? AfterText = null,
    IReadOnlyList<WordChange>? Words = null);
