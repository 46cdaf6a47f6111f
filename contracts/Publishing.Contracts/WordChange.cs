namespace Publishing.Contracts;

/// <summary>A run of text in a word-level diff: <c>unchanged</c>, <c>removed</c> or <c>added</c>.</summary>
public sealed record WordChange(string Kind, string Text);
