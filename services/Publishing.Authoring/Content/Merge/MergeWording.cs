using Publishing.Contracts;

namespace Publishing.Authoring.Content.Merge;

/// <summary>How a merge is told: in the 409 that asks, and in the audit trail once saved.</summary>
public static class MergeWording
{
    public static string ConflictDetail(IReadOnlyList<string> authors, int baseRevision, int current, IReadOnlyList<MergeConflict> conflicts)
    {
        var safety = conflicts.Count(c => c.ChangeClass == ChangeClasses.Safety);
        return $"{Names(authors)} saved up to revision {current} after revision {baseRevision}, which you started from, and changed "
            + $"{(conflicts.Count == 1 ? "a field" : $"{conflicts.Count} fields")} you changed too: {string.Join(", ", conflicts.Select(c => c.Path))}. "
            + (safety > 0 ? $"{(safety == 1 ? "One of their changes is" : $"{safety} of their changes are")} a safety change. " : "")
            + "Choose for each whether to keep theirs or yours, then save again (resolutions).";
    }

    public static string Audit(MergeView merge)
    {
        var text = $"Merged from revision {merge.BaseRevision} into revision {merge.TheirRevision} by {Names(merge.TheirAuthors)}";
        if (merge.KeptTheirs.Count > 0) text += $"; kept their changes to {string.Join(", ", merge.KeptTheirs)}";
        var replaced = merge.Choices.Where(c => c.Choice == ThreeWayMerge.Mine).ToList();
        if (replaced.Count > 0)
            text += "; replaced their " + string.Join(", ", replaced.Select(c => c.ChangeClass == ChangeClasses.Safety ? $"safety change to {c.Path}" : $"change to {c.Path}"));
        var kept = merge.Choices.Where(c => c.Choice == ThreeWayMerge.Theirs).ToList();
        if (kept.Count > 0) text += "; kept theirs over this edit for " + string.Join(", ", kept.Select(c => c.Path));
        return text + ".";
    }

    private static string Names(IReadOnlyList<string> authors) => authors.Count switch
    {
        0 => "Someone",
        1 => authors[0],
        _ => string.Join(", ", authors.SkipLast(1)) + " and " + authors[^1],
    };
}
