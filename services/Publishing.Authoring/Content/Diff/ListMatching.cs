using System.Text.Encodings.Web;
using System.Text.Json;
using Publishing.Authoring.Content.Text;
using static Publishing.Authoring.Content.Diff.JsonValues;

namespace Publishing.Authoring.Content.Diff;

/// <summary>
/// Which item of a list before is which item after: by identity first (an approval by body and
/// reference, a reference by id, a side effect by its text), then by similarity, so an edited item
/// is one item changed rather than one removed and another added.
/// </summary>
/// <remarks>
/// <para>Identity: items of the same key pair up, identical items first, then the same tiebreak, then
/// in list order. Similarity: the items left over on both sides pair up when their words are alike
/// (<see cref="SameItem"/>), the most alike first; an approval only with an approval
/// of the same body. Whatever is still left over was added or removed.</para>
/// <para>Reordering is never a change: positions play no part except to break ties.</para>
/// </remarks>
internal static class ListMatching
{
    /// <summary>
    /// From this similarity (<see cref="NormalisedWords.Similarity"/>) up, two items are one item edited:
    /// "high blood pressure" and "high blood pressure (hypertension)" are, "diarrhoea" and "fever" are not.
    /// </summary>
    public const double SameItem = 0.5;

    /// <summary>How the items of each known list are identified, by the list's schema path.</summary>
    private static readonly Dictionary<string, Func<JsonElement, Identity?>> Identities = new(StringComparer.Ordinal)
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

    /// <summary>Items of these lists pair by similarity only within the same group: an NICE decision never becomes an SMC one.</summary>
    private static readonly Dictionary<string, Func<JsonElement, string?>> SimilarityGroups = new(StringComparer.Ordinal)
    {
        ["approvals"] = item => Str(item, "body")?.ToUpperInvariant(),
    };

    private static readonly JsonSerializerOptions TextOptions = new()
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
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
    private static Identity ValueIdentity(JsonElement item)
    {
        var text = JsonSerializer.Serialize(item, TextOptions);
        return new("value\u001f" + text, item.ValueKind == JsonValueKind.String ? item.GetString()! : text);
    }

    /// <param name="Key">What makes two items the same item.</param>
    /// <param name="Label">How the item shows in a path.</param>
    /// <param name="Tiebreak">
    /// Tells apart items of one list that share a key (sunitinib has two EMA approvals "EU/1/06/347",
    /// conditional then full: the date; an indication in two jurisdictions: the jurisdiction).
    /// </param>
    private sealed record Identity(string Key, string Label, string? Tiebreak = null, string TiebreakSeparator = " ");

    /// <summary>
    /// Each item with its identity. An item whose key is shared in its list is labelled with its
    /// tiebreak ("EMA EU/1/06/347 2006-07-01") when that is unique, else "label (n)" (n-th of the key).
    /// </summary>
    public static List<ListEntry> Identify(string schema, JsonElement list)
    {
        var identify = Identities.GetValueOrDefault(schema);
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
            return new ListEntry(x.Item, x.Id.Key, x.Id.Tiebreak, label);
        }).ToList();
    }

    /// <summary>Pairs after-items (index) with before-items (index): by identity, then by similarity.</summary>
    public static Dictionary<int, int> Match(string schema, List<ListEntry> before, List<ListEntry> after)
    {
        var pairs = MatchByIdentity(before, after);
        MatchBySimilarity(SimilarityGroups.GetValueOrDefault(schema), before, after, pairs);
        return pairs;
    }

    private static Dictionary<int, int> MatchByIdentity(List<ListEntry> before, List<ListEntry> after)
    {
        var free = before.Select((entry, j) => (entry.Key, j))
            .GroupBy(x => x.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.j).ToList(), StringComparer.Ordinal);
        Func<ListEntry, ListEntry, bool>[] passes =
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

    private static void MatchBySimilarity(
        Func<JsonElement, string?>? groupOf, List<ListEntry> before, List<ListEntry> after, Dictionary<int, int> pairs)
    {
        var taken = pairs.Values.ToHashSet();
        var leftBefore = Enumerable.Range(0, before.Count).Where(j => !taken.Contains(j)).ToList();
        var leftAfter = Enumerable.Range(0, after.Count).Where(i => !pairs.ContainsKey(i)).ToList();
        if (leftBefore.Count == 0 || leftAfter.Count == 0) return;

        var wordsBefore = leftBefore.ToDictionary(j => j, j => NormalisedWords.Of(before[j].Item));
        var candidates =
            from i in leftAfter
            let words = NormalisedWords.Of(after[i].Item)
            from j in leftBefore
            where groupOf is null || groupOf(after[i].Item) == groupOf(before[j].Item)
            let score = NormalisedWords.Similarity(words, wordsBefore[j])
            where score >= SameItem
            orderby score descending, i, j
            select (i, j);
        foreach (var (i, j) in candidates.ToList())
        {
            if (pairs.ContainsKey(i) || taken.Contains(j)) continue;
            pairs[i] = j;
            taken.Add(j);
        }
    }
}

/// <summary>An item of a list with its identity key, tiebreak and label within that list.</summary>
internal sealed record ListEntry(JsonElement Item, string Key, string? Tiebreak, string Label);
