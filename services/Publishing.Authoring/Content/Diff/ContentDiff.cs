using System.Text.Encodings.Web;
using System.Text.Json;
using Publishing.Authoring.Data;
using Publishing.Contracts;
using static Publishing.Authoring.Content.Diff.JsonValues;

namespace Publishing.Authoring.Content.Diff;

/// <summary>
/// Field-level diff of two <c>fields</c> documents of a content item, each change carrying its
/// change class (<see cref="ChangeClassification"/>).
/// </summary>
/// <remarks>
/// <para>Objects are walked property by property; scalars compare by JSON value. A property that is
/// absent and one that is <c>null</c> are the same thing: null to a value is "added", a value to
/// null "removed". A value whose JSON kind changes (e.g. object to string) is one "changed".</para>
/// <para>Lists are matched by identity, never by position, so reordering is not a change (see
/// <see cref="ListIdentities"/>). A matched pair that differs yields changes on its inner paths;
/// an unmatched item yields one added/removed change for the whole item. A list or object that
/// is added or removed as a whole (e.g. everything on a first publication) yields one change.</para>
/// <para>Paths: <c>mechanism</c>, <c>sideEffects.serious[bowel perforation]</c>,
/// <c>approvals[NICE TA488].decision</c>, <c>indications[GIST / first-line]</c>,
/// <c>references[ref-2].url</c>, <c>sections[About GIST].body</c>. Labels are not escaped. Items of
/// one list that share an identity are labelled with a tiebreak (<c>approvals[EMA EU/1/06/347 2006-07-01]</c>,
/// <c>indications[GIST / first-line / UK]</c>) when it tells them apart, else <c>label (n)</c>.</para>
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

    /// <summary>
    /// The changes from <paramref name="before"/> (the published <c>fields</c>, or null when nothing
    /// is published yet, so every field is "added") to <paramref name="after"/>.
    /// </summary>
    /// <param name="type"><c>drug</c> or <c>article</c> (<see cref="ContentTypes"/>).</param>
    /// <param name="title">
    /// Optional item titles (Before null when nothing is published); a difference is reported at
    /// path <c>title</c>, editorial. An article's <c>fields.title</c> is diffed as any field; when it
    /// yields exactly the same change as the item title, the change is reported once.
    /// </param>
    /// <exception cref="ArgumentException">Unknown type, or a document that is not a JSON object.</exception>
    public static IReadOnlyList<FieldChange> Compute(
        string type, JsonElement? before, JsonElement after, (string? Before, string After)? title = null)
    {
        var rule = ChangeClassification.For(type);
        if (after.ValueKind != JsonValueKind.Object)
            throw new ArgumentException("The fields must be a JSON object.", nameof(after));
        if (before is { } b && HasValue(b) && b.ValueKind != JsonValueKind.Object)
            throw new ArgumentException("The published fields must be a JSON object.", nameof(before));

        var walker = new Walker(rule);
        if (title is (var beforeTitle, var afterTitle) && !string.Equals(beforeTitle, afterTitle, StringComparison.Ordinal))
            walker.Changes.Add(new FieldChange(TitlePath, beforeTitle is null ? Added : Changed,
                beforeTitle is null ? null : JsonSerializer.Serialize(beforeTitle, TextOptions),
                JsonSerializer.Serialize(afterTitle, TextOptions), ChangeClasses.Editorial));

        var titleChange = walker.Changes.FirstOrDefault();
        walker.CompareObjects(Location.Root, before is { } pb && HasValue(pb) ? pb : EmptyObject, after);
        if (titleChange is not null)
            walker.Changes.RemoveAll(c => !ReferenceEquals(c, titleChange) && c == titleChange);
        return walker.Changes;
    }

    /// <summary>How the items of each known list are identified, by the list's schema path.</summary>
    private static readonly Dictionary<string, Func<JsonElement, Identity?>> ListIdentities = new(StringComparer.Ordinal)
    {
        // Case-insensitive: a casing fix of a condition is a change inside the indication, not a removal.
        ["indications"] = item => Str(item, "condition") is { } condition
            ? new Identity(
                $"{condition.ToUpperInvariant()}\u001f{Str(item, "lineOfTherapy")?.ToUpperInvariant()}",
                Str(item, "lineOfTherapy") is { Length: > 0 } line ? $"{condition} / {line}" : condition,
                Str(item, "jurisdiction"), " / ")
            : null,
        ["approvals"] = item => Str(item, "body") is { } body ? ApprovalIdentity(body, item) : null,
        ["references"] = item => Str(item, "id") is { } id ? new Identity(id, id) : null,
        ["sections"] = item => Str(item, "heading") is { } heading ? new Identity(heading, heading) : null,
        ["brandNames"] = StringIdentity,
        ["sideEffects.common"] = StringIdentity,
        ["sideEffects.serious"] = StringIdentity,
        ["relatedDrugs"] = StringIdentity,
        ["conditions"] = StringIdentity,
        ["tags"] = StringIdentity,
    };

    /// <summary>(body, reference), or (body, date) when there is no reference.</summary>
    private static Identity ApprovalIdentity(string body, JsonElement item)
    {
        if (Str(item, "reference") is { Length: > 0 } reference)
            return new Identity($"ref\u001f{body}\u001f{reference}",
                reference.StartsWith(body + " ", StringComparison.OrdinalIgnoreCase) ? reference : $"{body} {reference}",
                Str(item, "date"));
        var date = Str(item, "date");
        return new Identity($"date\u001f{body}\u001f{date}", date is { Length: > 0 } ? $"{body} {date}" : body);
    }

    private static Identity? StringIdentity(JsonElement item) =>
        item.ValueKind == JsonValueKind.String ? new Identity(item.GetString()!, item.GetString()!) : null;

    /// <summary>Items without a usable identity (and unknown lists) are identified by their JSON value.</summary>
    private static Identity ValueIdentity(JsonElement item) =>
        new("value\u001f" + Text(item), item.ValueKind == JsonValueKind.String ? item.GetString()! : Text(item));

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    /// <param name="Key">What makes two items the same item.</param>
    /// <param name="Label">How the item shows in a path.</param>
    /// <param name="Tiebreak">
    /// Tells apart items of one list that share a key (sunitinib has two EMA approvals "EU/1/06/347",
    /// conditional then full: the date; an indication in two jurisdictions: the jurisdiction).
    /// </param>
    private sealed record Identity(string Key, string Label, string? Tiebreak = null, string TiebreakSeparator = " ");

    /// <summary>An item of a list with its identity key, tiebreak and label within that list.</summary>
    private sealed record Entry(JsonElement Item, string Key, string? Tiebreak, string Label);

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
            var identify = ListIdentities.GetValueOrDefault(at.Schema);
            var beforeItems = Identify(before, identify);
            var afterItems = Identify(after, identify);
            var pairs = Match(beforeItems, afterItems);

            for (var i = 0; i < afterItems.Count; i++)
            {
                if (pairs.TryGetValue(i, out var j)) Compare(at.Item(afterItems[i].Label), beforeItems[j].Item, afterItems[i].Item);
                else Emit(at.Item(afterItems[i].Label), Added, default, afterItems[i].Item);
            }
            var matched = pairs.Values.ToHashSet();
            for (var j = 0; j < beforeItems.Count; j++)
                if (!matched.Contains(j))
                    Emit(at.Item(beforeItems[j].Label), Removed, beforeItems[j].Item, default);
        }

        /// <summary>
        /// Pairs after-items (index) with before-items (index) of the same key. Within a key shared by
        /// several items: identical items first, then the same tiebreak, then the rest in list order.
        /// </summary>
        private static Dictionary<int, int> Match(List<Entry> before, List<Entry> after)
        {
            var free = before.Select((entry, j) => (entry.Key, j))
                .GroupBy(x => x.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(x => x.j).ToList(), StringComparer.Ordinal);
            Func<Entry, Entry, bool>[] passes =
            [
                (a, b) => JsonElement.DeepEquals(a.Item, b.Item),
                (a, b) => a.Tiebreak is not null && string.Equals(a.Tiebreak, b.Tiebreak, StringComparison.Ordinal),
                (_, _) => true,
            ];
            var pairs = new Dictionary<int, int>();
            foreach (var pass in passes)
                for (var i = 0; i < after.Count; i++)
                {
                    if (pairs.ContainsKey(i) || !free.TryGetValue(after[i].Key, out var candidates)) continue;
                    var k = candidates.FindIndex(j => pass(after[i], before[j]));
                    if (k < 0) continue;
                    pairs[i] = candidates[k];
                    candidates.RemoveAt(k);
                }
            return pairs;
        }

        /// <summary>
        /// Each item with its identity. An item whose key is shared in its list is labelled with its
        /// tiebreak ("EMA EU/1/06/347 2006-07-01") when that is unique, else "label (n)" (n-th of the key).
        /// </summary>
        private static List<Entry> Identify(JsonElement list, Func<JsonElement, Identity?>? identify)
        {
            var identities = list.EnumerateArray()
                .Select(item => (Item: item, Id: (identify is null ? null : identify(item)) ?? ValueIdentity(item)))
                .ToList();
            var groups = identities.GroupBy(x => x.Id.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(x => x.Id).ToList(), StringComparer.Ordinal);
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            return identities.Select(x =>
            {
                var group = groups[x.Id.Key];
                var n = seen[x.Id.Key] = seen.GetValueOrDefault(x.Id.Key) + 1;
                var label = group.Count == 1 ? x.Id.Label
                    : x.Id.Tiebreak is { Length: > 0 } t && group.Count(g => g.Tiebreak == t) == 1 ? $"{x.Id.Label}{x.Id.TiebreakSeparator}{t}"
                    : $"{x.Id.Label} ({n})";
                return new Entry(x.Item, x.Id.Key, x.Id.Tiebreak, label);
            }).ToList();
        }

        private void Emit(Location at, string kind, JsonElement before, JsonElement after) =>
            Changes.Add(new FieldChange(at.Display, kind,
                HasValue(before) ? Text(before) : null, HasValue(after) ? Text(after) : null,
                rule(at.Schema, kind, before, after)));
    }

    /// <summary>Compact JSON text of a value (non-ASCII kept as is).</summary>
    private static string Text(JsonElement e) => JsonSerializer.Serialize(e, TextOptions);
}
