using System.Text.Encodings.Web;
using System.Text.Json;
using Publishing.Authoring.Data;
using Publishing.Contracts;
using static Publishing.Authoring.Content.Diff.JsonValues;

namespace Publishing.Authoring.Content.Diff;

/// <summary>
/// Field-level diff of two <c>fields</c> documents of a content item, each change carrying its
/// change class (<see cref="ChangeClassification"/>), its values as people write them
/// (<see cref="ReadableText"/>) and, for a changed long text, the words that changed (<see cref="WordDiff"/>).
/// </summary>
/// <remarks>
/// <para>Objects are walked property by property; scalars compare by JSON value. A property that is
/// absent and one that is <c>null</c> are the same thing: null to a value is "added", a value to
/// null "removed". A value whose JSON kind changes (e.g. object to string) is one "changed".</para>
/// <para>List items are paired by identity and then by similarity, never by position, so reordering
/// is not a change and an edited item is one item changed (<see cref="ListMatching"/>). A paired
/// item that differs yields changes on its inner paths (for a list of texts, one "changed" of the
/// item); an unpaired item yields one added/removed change for the whole item. A list or object that
/// is added or removed as a whole (e.g. everything on a first publication) yields one change.
/// Each list with a change inside is also given whole, every item marked (<see cref="ListChange"/>).</para>
/// <para>Paths: <c>mechanism</c>, <c>sideEffects.serious[bowel perforation]</c>,
/// <c>approvals[NICE TA488].decision</c>, <c>indications[GIST / first-line]</c>,
/// <c>references[ref-2].url</c>, <c>sections[About GIST].body</c>. Labels are not escaped; a paired
/// item is labelled as it is after. Items of one list that share an identity are labelled with a
/// tiebreak (<c>approvals[EMA EU/1/06/347 2006-07-01]</c>, <c>indications[GIST / first-line / UK]</c>)
/// when it tells them apart, else <c>label (n)</c>.</para>
/// <para>Order: the item title first, then properties in the order of <c>after</c> followed by the
/// ones only <c>before</c> has; list items in the order of <c>after</c>, then removed items.</para>
/// </remarks>
public static class ContentDiff
{
    public const string Added = "added";
    public const string Removed = "removed";
    public const string Changed = "changed";

    /// <summary>The path of a change of the item's title (the title pair of <see cref="Compute"/>).</summary>
    public const string TitlePath = "title";

    private static readonly JsonSerializerOptions TextOptions = new()
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The changes of <see cref="Compare"/>.</summary>
    public static IReadOnlyList<FieldChange> Compute(
        string type, JsonElement? before, JsonElement after, (string? Before, string After)? title = null) =>
        Compare(type, before, after, title).Changes;

    /// <summary>
    /// The changes from <paramref name="before"/> (the published <c>fields</c>, or null when nothing
    /// is published yet, so every field is "added") to <paramref name="after"/>, and every list that changed, whole.
    /// </summary>
    /// <param name="type"><c>drug</c> or <c>article</c> (<see cref="ContentTypes"/>).</param>
    /// <param name="title">
    /// Optional item titles (Before null when nothing is published); a difference is reported at
    /// path <c>title</c>, editorial. An article's <c>fields.title</c> is diffed as any field; when it
    /// yields exactly the same change as the item title, the change is reported once.
    /// </param>
    /// <exception cref="ArgumentException">Unknown type, or a document that is not a JSON object.</exception>
    public static DiffResult Compare(
        string type, JsonElement? before, JsonElement after, (string? Before, string After)? title = null)
    {
        var rule = ChangeClassification.For(type);
        if (after.ValueKind != JsonValueKind.Object)
            throw new ArgumentException("The fields must be a JSON object.", nameof(after));
        if (before is { } b && HasValue(b) && b.ValueKind != JsonValueKind.Object)
            throw new ArgumentException("The published fields must be a JSON object.", nameof(before));

        var walker = new Walker(rule);
        if (title is (var beforeTitle, var afterTitle) && !string.Equals(beforeTitle, afterTitle, StringComparison.Ordinal))
            walker.Emit(new Location(TitlePath, TitlePath, false), beforeTitle is null ? Added : Changed,
                beforeTitle is null ? default : JsonSerializer.SerializeToElement(beforeTitle),
                JsonSerializer.SerializeToElement(afterTitle), ChangeClasses.Editorial);

        var titleChange = walker.Changes.FirstOrDefault();
        walker.CompareObjects(Location.Root, before is { } pb && HasValue(pb) ? pb : EmptyObject, after);
        if (titleChange is not null)
            walker.Changes.RemoveAll(c => !ReferenceEquals(c, titleChange) && (c.Path, c.Kind, c.Before, c.After, c.ChangeClass)
                == (titleChange.Path, titleChange.Kind, titleChange.Before, titleChange.After, titleChange.ChangeClass));
        return new DiffResult(walker.Changes, walker.Lists);
    }

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    /// <param name="Display">The readable path (<c>approvals[NICE TA488].decision</c>).</param>
    /// <param name="Schema">The path without item labels (<c>approvals.decision</c>).</param>
    /// <param name="IsItem">The location is a whole item of the list at <paramref name="Schema"/>.</param>
    private sealed record Location(string Display, string Schema, bool IsItem)
    {
        public static readonly Location Root = new("", "", false);

        public Location Property(string name) =>
            new(Display.Length == 0 ? name : $"{Display}.{name}", Schema.Length == 0 ? name : $"{Schema}.{name}", false);

        public Location Item(string label) => new($"{Display}[{label}]", Schema, true);
    }

    private sealed class Walker(ChangeClassification.Rule rule)
    {
        public List<FieldChange> Changes { get; } = [];
        public List<ListChange> Lists { get; } = [];

        public void Compare(Location at, JsonElement before, JsonElement after)
        {
            bool hasBefore = HasValue(before), hasAfter = HasValue(after);
            if (!hasBefore && !hasAfter) return;
            if (!hasBefore) Emit(at, Added, before, after);
            else if (!hasAfter) Emit(at, Removed, before, after);
            else if (before.ValueKind == JsonValueKind.Object && after.ValueKind == JsonValueKind.Object) CompareObjects(at, before, after);
            else if (before.ValueKind == JsonValueKind.Array && after.ValueKind == JsonValueKind.Array) CompareLists(at, before, after);
            else if (!JsonElement.DeepEquals(before, after)) Emit(at, Changed, before, after);
        }

        public void CompareObjects(Location at, JsonElement before, JsonElement after)
        {
            foreach (var property in after.EnumerateObject())
                Compare(at.Property(property.Name), Get(before, property.Name), property.Value);
            foreach (var property in before.EnumerateObject())
                if (!after.TryGetProperty(property.Name, out _))
                    Compare(at.Property(property.Name), property.Value, default);
        }

        private void CompareLists(Location at, JsonElement before, JsonElement after)
        {
            var beforeItems = ListMatching.Identify(at.Schema, before);
            var afterItems = ListMatching.Identify(at.Schema, after);
            var pairs = ListMatching.Match(at.Schema, beforeItems, afterItems);
            var first = Changes.Count;

            for (var i = 0; i < afterItems.Count; i++)
            {
                if (pairs.TryGetValue(i, out var j)) Compare(at.Item(afterItems[i].Label), beforeItems[j].Item, afterItems[i].Item);
                else Emit(at.Item(afterItems[i].Label), Added, default, afterItems[i].Item);
            }
            var matched = pairs.Values.ToHashSet();
            for (var j = 0; j < beforeItems.Count; j++)
                if (!matched.Contains(j))
                    Emit(at.Item(beforeItems[j].Label), Removed, beforeItems[j].Item, default);

            if (Changes.Count > first)
                Lists.Add(ListChange.Whole(at.Display, at.Schema, beforeItems, afterItems, pairs,
                    Changes.Skip(first).Select(c => c.ChangeClass).Aggregate(ChangeClasses.Editorial, ChangeClasses.Max)));
        }

        private void Emit(Location at, string kind, JsonElement before, JsonElement after) =>
            Emit(at, kind, before, after, rule(at.Schema, kind, before, after));

        public void Emit(Location at, string kind, JsonElement before, JsonElement after, string changeClass)
        {
            IReadOnlyList<WordChange>? words = null;
            if (kind == Changed && before.ValueKind == JsonValueKind.String && after.ValueKind == JsonValueKind.String
                && (WordDiff.IsLong(before.GetString()!) || WordDiff.IsLong(after.GetString()!)))
                words = WordDiff.Compute(before.GetString()!, after.GetString()!);
            Changes.Add(new FieldChange(at.Display, kind,
                HasValue(before) ? Text(before) : null, HasValue(after) ? Text(after) : null, changeClass,
                ReadableText.Of(at.Schema, before), ReadableText.Of(at.Schema, after), words));
        }
    }

    /// <summary>Compact JSON text of a value (non-ASCII kept as is).</summary>
    internal static string Text(JsonElement e) => JsonSerializer.Serialize(e, TextOptions);
}

/// <summary>The changes of a diff, and every list with a change inside it shown whole.</summary>
public sealed record DiffResult(IReadOnlyList<FieldChange> Changes, IReadOnlyList<ListChange> Lists);
