using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.SearchIndexing.Data;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.SearchIndexing.Changes;

/// <param name="ReleaseId">The release the change went live in (its entries are consecutive); null when on its own.</param>
public sealed record ChangeView(string Cursor, string Type, string Slug, int Revision, DateTimeOffset At, Guid? ReleaseId = null);

public sealed record ChangesPage(IReadOnlyList<ChangeView> Items, string? Next);

/// <summary>
/// <c>GET /api/changes?after=&amp;limit=</c>: every published, withdrawn and reviewed change in the
/// order it was applied. A site stores <c>next</c> and asks again from there: nothing is missed or
/// repeated, however long it was away.
/// </summary>
public static class GetChanges
{
    public const int MaxLimit = 1000;

    public static async Task<Results<Ok<ChangesPage>, ProblemHttpResult>> Handle(
        string? after, int? limit, SearchDbContext db, CancellationToken ct)
    {
        if (!TryCursor(after, out var from)) return Problems.Invalid("after", "The cursor is the 'cursor' or 'next' value of an earlier page.");
        if (limit is < 1 or > MaxLimit) return Problems.Invalid("limit", $"The limit is a number from 1 to {MaxLimit}.");

        var items = await Page(db, from, limit ?? 100, ct);
        var next = items.Count > 0 ? items[^1].Cursor : after;
        return TypedResults.Ok(new ChangesPage(items, next));
    }

    internal static Task<List<ChangeView>> Page(SearchDbContext db, long after, int limit, CancellationToken ct) =>
        db.Changes.AsNoTracking()
            .Where(c => c.Cursor > after)
            .OrderBy(c => c.Cursor)
            .Take(limit)
            .Select(c => new ChangeView(c.Cursor.ToString(CultureInfo.InvariantCulture), c.Type, c.Slug, c.Revision, c.At, c.ReleaseId))
            .ToListAsync(ct);

    internal static bool TryCursor(string? value, out long cursor)
    {
        cursor = 0;
        return string.IsNullOrEmpty(value) || (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out cursor) && cursor >= 0);
    }
}
