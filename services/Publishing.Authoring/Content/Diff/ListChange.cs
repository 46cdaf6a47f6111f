using System.Text.Json;
using Publishing.Contracts;

namespace Publishing.Authoring.Content.Diff;

/// <summary>
/// A list with a change inside it, shown whole: every item after the change in its order, each
/// marked <c>unchanged</c>, <c>added</c> or <c>changed</c>, and each removed item where it stood
/// (after the item that preceded it before, or first). An unchanged item carries only its value
/// after. A reviewer sees a new side effect beside
/// the ones already listed, not on its own.
/// </summary>
/// <param name="Path">The list's path (<c>sideEffects.serious</c>).</param>
/// <param name="ChangeClass">The highest class of the changes inside it.</param>
public sealed record ListChange(string Path, string ChangeClass, IReadOnlyList<ListItemChange> Items)
{
    public const string Unchanged = "unchanged";

    internal static ListChange Whole(
        string path, string schema, List<ListEntry> before, List<ListEntry> after, Dictionary<int, int> pairs, string changeClass)
    {
        var items = new List<ListItemChange>();
        var byBefore = pairs.ToDictionary(p => p.Value, p => p.Key);
        // Removed items go after the after-position of the nearest paired item that preceded them before.
        var removedAfter = new Dictionary<int, List<int>>();
        var previous = -1;
        for (var j = 0; j < before.Count; j++)
        {
            if (byBefore.TryGetValue(j, out var i)) { previous = i; continue; }
            if (!removedAfter.TryGetValue(previous, out var list)) removedAfter[previous] = list = [];
            list.Add(j);
        }

        void AddRemoved(int position)
        {
            foreach (var j in removedAfter.GetValueOrDefault(position) ?? [])
                items.Add(Item(ContentDiff.Removed, schema, before[j].Item, default));
        }

        AddRemoved(-1);
        for (var i = 0; i < after.Count; i++)
        {
            if (!pairs.TryGetValue(i, out var j)) items.Add(Item(ContentDiff.Added, schema, default, after[i].Item));
            else if (JsonElement.DeepEquals(before[j].Item, after[i].Item)) items.Add(Item(Unchanged, schema, default, after[i].Item));
            else items.Add(Item(ContentDiff.Changed, schema, before[j].Item, after[i].Item));
            AddRemoved(i);
        }
        return new ListChange(path, changeClass, items);
    }

    private static ListItemChange Item(string kind, string schema, JsonElement before, JsonElement after)
    {
        var beforeText = ReadableText.Of(schema, before);
        var afterText = ReadableText.Of(schema, after);
        return new ListItemChange(kind,
            JsonValues.HasValue(before) ? ContentDiff.Text(before) : null,
            JsonValues.HasValue(after) ? ContentDiff.Text(after) : null,
            beforeText, afterText,
            kind == ContentDiff.Changed && beforeText is not null && afterText is not null ? WordDiff.Compute(beforeText, afterText) : null);
    }
}

/// <summary>An item of a <see cref="ListChange"/>: values as JSON and as people write them; words for a changed item.</summary>
public sealed record ListItemChange(
    string Kind, string? Before, string? After, string? BeforeText, string? AfterText, IReadOnlyList<WordChange>? Words);
