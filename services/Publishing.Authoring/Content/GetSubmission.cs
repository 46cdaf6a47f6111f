using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Authoring.Content.Guards;
using Publishing.Authoring.Data;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Authoring.Content;

/// <summary>A submission as its editor and reviewers see it, with what the guards warned of when it was sent.</summary>
/// <param name="PublishAt">The go-live time its editor asked for when submitting (UTC), if any.</param>
public sealed record SubmissionView(
    Guid ReviewId, string Slug, int Revision, string ChangeClass, int RequiredApprovals, string Reason, string ChangeSummary,
    string Status, string SubmittedByName, DateTimeOffset SubmittedAt, IReadOnlyList<GuardWarning> Warnings,
    DateTimeOffset? PublishAt)
{
    public static SubmissionView From(ContentItem item, Submission s) => new(
        s.Id, item.Slug, s.Revision, s.ChangeClass, s.RequiredApprovals, s.Reason, s.ChangeSummary, s.Status,
        s.SubmittedByName, s.SubmittedAt,
        s.Warnings is null ? [] : JsonSerializer.Deserialize<List<GuardWarning>>(s.Warnings, JsonSerializerOptions.Web) ?? [],
        s.PublishAt);
}

public static class GetSubmission
{
    public static async Task<Results<Ok<SubmissionView>, ProblemHttpResult>> Handle(
        string slug, Guid id, AuthoringDbContext db, CancellationToken ct)
    {
        var (item, problem) = await db.FindAsync(slug, ct);
        if (item is null) return problem!;
        var submission = await db.Submissions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id && s.ContentId == item.Id, ct);
        return submission is null
            ? Problems.NotFound($"'{slug}' has no submission '{id}'.")
            : TypedResults.Ok(SubmissionView.From(item, submission));
    }
}
