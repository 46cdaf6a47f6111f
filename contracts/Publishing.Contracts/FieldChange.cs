namespace Publishing.Contracts;

/// <summary>One field-level difference between two revisions; values are JSON text.</summary>
public sealed record FieldChange(
    string Path,
    string Kind,
    string? Before,
    string? After,
    string ChangeClass);
