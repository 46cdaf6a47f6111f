using Publishing.Studio.Api;

namespace Publishing.Studio.Pages;

/// <summary>A field diff shown side by side: before, after, and the class of each change (safety highlighted).</summary>
public sealed record DiffTable(
    string Id, string Caption, IReadOnlyList<FieldChange> Changes, string BeforeLabel = "Before", string AfterLabel = "After",
    string EmptyText = "No changes.");

public sealed record ItemNav(string Slug, string Current);
