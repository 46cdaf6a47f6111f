using Publishing.Studio.Api;
using Publishing.Studio.Auth;

namespace Publishing.Studio.Pages;

/// <summary>
/// How the content list is searched, sorted and narrowed to what waits on the signed-in person. All of
/// it runs on the server (the page works without JavaScript) over the list Authoring returns.
/// </summary>
public static class ContentListQuery
{
    public const string ByTitle = "title";
    public const string ByModified = "modified";
    public const string ByReviewDue = "due";
    public const string WaitingOnMe = "me";
    public const int MaxSearchLength = 200;

    public static readonly (string, string)[] Sorts =
        [(ByTitle, "Title (A to Z)"), (ByModified, "Last modified (newest first)"), (ByReviewDue, "Next review due (soonest first)")];

    /// <summary>What is wrong with the request, by field, as the API would name it; empty when it can be shown.</summary>
    public static Dictionary<string, string[]> Refused(string? q, string? sort, string? waiting)
    {
        var errors = new Dictionary<string, string[]>();
        if (q is { Length: > MaxSearchLength }) errors["q"] = [$"Search with at most {MaxSearchLength} characters."];
        if (!string.IsNullOrEmpty(sort) && !Sorts.Any(s => s.Item1 == sort))
            errors["sort"] = [$"Sort by {string.Join(", ", Sorts.Select(s => s.Item2.Split(" (")[0].ToLowerInvariant()))}."];
        if (!string.IsNullOrEmpty(waiting) && waiting != WaitingOnMe) errors["waiting"] = ["The only filter is 'me': what waits on you."];
        return errors;
    }

    /// <summary>
    /// What waits on <paramref name="me"/>: as an editor, the items a reviewer returned with changes
    /// requested whose latest revision they saved; as a reviewer, the items whose pending review they may
    /// sign off and have not (<paramref name="awaitingReview"/>, from Review, which holds the sign-off rules).
    /// </summary>
    public static HashSet<string> Waiting(IReadOnlyCollection<ContentSummary> items, StudioUser me, IEnumerable<string> awaitingReview)
    {
        var review = awaitingReview.ToHashSet(StringComparer.Ordinal);
        return items
            .Where(i => review.Contains(i.Slug) || (me.IsEditor && i.Status == "changes-requested" && i.SavedById == me.Id))
            .Select(i => i.Slug)
            .ToHashSet(StringComparer.Ordinal);
    }

    public static List<ContentSummary> Apply(IEnumerable<ContentSummary> items, string? q, string? sort, ISet<string>? onlyThese)
    {
        var found = items;
        if (onlyThese is not null) found = found.Where(i => onlyThese.Contains(i.Slug));
        if (!string.IsNullOrWhiteSpace(q))
        {
            var words = q.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            // Every word must appear, in the title or the slug, in any case.
            found = found.Where(i => words.All(w =>
                i.Title.Contains(w, StringComparison.OrdinalIgnoreCase) || i.Slug.Contains(w, StringComparison.OrdinalIgnoreCase)));
        }
        var byTitle = StringComparer.OrdinalIgnoreCase;
        return (sort switch
        {
            ByModified => found.OrderByDescending(i => i.SavedAt ?? DateTimeOffset.MinValue).ThenBy(i => i.Title, byTitle),
            // Items never reviewed have no date; they come after every dated one.
            ByReviewDue => found.OrderBy(i => i.Dates?.NextReviewDue ?? DateTimeOffset.MaxValue).ThenBy(i => i.Title, byTitle),
            _ => found.OrderBy(i => i.Title, byTitle).ThenBy(i => i.Slug, StringComparer.Ordinal),
        }).ToList();
    }
}
