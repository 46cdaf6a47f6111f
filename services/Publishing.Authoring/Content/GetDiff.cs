using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Authoring.Content.Diff;
using Publishing.Authoring.Data;
using Publishing.Contracts;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Authoring.Content;

public sealed record DiffView(
    int From, int To, string ChangeClass, int RequiredApprovals, IReadOnlyList<FieldChange> Changes, IReadOnlyList<ListChange> Lists);

/// <summary>
/// The field-level changes between two revisions. By default from the published revision (0, an
/// empty document, when nothing is published) to the working copy: what a reviewer will sign off.
/// </summary>
public static class GetDiff
{
    public static async Task<Results<Ok<DiffView>, ProblemHttpResult>> Handle(
        string slug, int? from, int? to, AuthoringDbContext db, CancellationToken ct)
    {
        var (item, problem) = await db.FindAsync(slug, ct);
        if (item is null) return problem!;
        var fromNumber = from ?? item.PublishedRevision ?? 0;
        var toNumber = to ?? item.CurrentRevision;
        foreach (var (name, n) in new[] { ("from", fromNumber), ("to", toNumber) })
            if (n < 0 || n > item.CurrentRevision || (name == "to" && n == 0))
                return Problems.Invalid(name, $"'{slug}' has revisions 1 to {item.CurrentRevision}{(name == "from" ? " (or 0 for none)" : "")}.");

        var numbers = new[] { fromNumber, toNumber };
        var revisions = await db.Revisions.AsNoTracking()
            .Where(r => r.ContentId == item.Id && numbers.Contains(r.Number))
            .ToDictionaryAsync(r => r.Number, ct);
        var before = fromNumber == 0 ? null : revisions[fromNumber];
        var after = revisions[toNumber];

        var diff = ContentDiff.Compare(item.Type, before is null ? null : Json.Parse(before.Fields), Json.Parse(after.Fields),
            (before?.Title, after.Title));
        var changeClass = ChangeClassification.Classify(diff.Changes);
        return TypedResults.Ok(new DiffView(
            fromNumber, toNumber, changeClass, ChangeClasses.RequiredApprovals(changeClass), diff.Changes, diff.Lists));
    }
}
