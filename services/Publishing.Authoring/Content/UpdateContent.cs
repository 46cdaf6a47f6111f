using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Authoring.Content.Guards;
using Publishing.Authoring.Content.Merge;
using Publishing.Authoring.Content.Model;
using Publishing.Authoring.Data;
using Publishing.Authoring.GoLive;
using Publishing.Contracts;
using Publishing.ServiceDefaults.Auth;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Authoring.Content;

/// <param name="Merge">
/// When If-Match names an older revision than the latest, merge this edit into the latest, field by
/// field, from that revision (<see cref="ThreeWayMerge"/>) instead of answering 412.
/// </param>
/// <param name="Resolutions">For a merge: the fields both editors changed, each <c>mine</c> or <c>theirs</c>.</param>
public sealed record UpdateContentRequest(
    [property: JsonConverter(typeof(JsonText))] string? Title,
    JsonElement? Fields,
    bool? Merge = null,
    Dictionary<string, string>? Resolutions = null);

/// <summary>
/// Saves a new revision of the working copy. If-Match names the revision the edit started from: a
/// stale save fails (412), or with <c>merge</c> is merged into the latest. A save that changes
/// nothing makes no revision and leaves the status alone.
/// </summary>
public static class UpdateContent
{
    private const int MaxResolutions = 200;

    public static async Task<Results<Ok<SaveView>, ProblemHttpResult>> Handle(
        string slug, UpdateContentRequest request, ClaimsPrincipal principal, AuthoringDbContext db,
        TimeProvider clock, HttpRequest http, HttpResponse response, CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug();
        var expected = ETags.Parse(http.Headers.IfMatch);
        if (expected is null)
            return Problems.Status(StatusCodes.Status428PreconditionRequired, "Precondition Required",
                "Send If-Match with the ETag of the revision you edited, so a newer save is never overwritten.");

        var refused = TextHygiene.Refused(("title", request.Title, false));
        if (refused.Count > 0) return Problems.Invalid(refused, StatusCodes.Status422UnprocessableEntity);
        var errors = new Dictionary<string, string[]>();
        CreateContent.ValidateTitleAndFields(request.Title, request.Fields, errors);
        ValidateResolutions(request.Resolutions, errors);
        if (errors.Count > 0) return Problems.Invalid(errors);

        var item = await db.Content.SingleOrDefaultAsync(c => c.Slug == slug, ct);
        if (item is null) return Problems.NotFound($"No content has the slug '{slug}'.");
        var merging = request.Merge == true;
        if (!merging && item.CurrentRevision != expected) return Stale(item.CurrentRevision);
        if (item.Status == ContentStatus.InReview)
            return Problems.Conflict("The item is in review; recall the submission or wait for the review to end before editing it.");
        if (item.Status == ContentStatus.Scheduled)
            return Problems.Conflict(
                $"The approved revision goes live at {GoLiveTime.Format(item.PublishAt!.Value)}; cancel its go-live time before editing it.");
        if (item.Status == ContentStatus.Approved && item.ReleaseId is not null)
            return Problems.Conflict("The item is approved and waits for its release; recall the submission before editing it.");
        if (expected < 1 || expected > item.CurrentRevision)
            return Problems.Status(StatusCodes.Status412PreconditionFailed, "Precondition Failed",
                $"'{slug}' has no revision {expected}; send the ETag of the revision you edited (1 to {item.CurrentRevision}).");

        var fields = ContentFields.Validate(item.Type, request.Fields!.Value, clock);
        if (!fields.IsValid) return CreateContent.FieldsProblem(fields);

        var latest = await db.Revisions.SingleAsync(r => r.ContentId == item.Id && r.Number == item.CurrentRevision, ct);
        var result = new MergeSide(request.Title!.Trim(), fields.Normalized!.Value);
        MergeView? merge = null;
        if (expected != item.CurrentRevision)
        {
            var (merged, view, problem) = await MergeAsync(db, item, expected.Value, latest, result, request.Resolutions, clock, ct);
            if (problem is not null) return problem;
            (result, merge) = (merged!, view);
        }

        var user = CurrentUser.From(principal);
        var now = clock.GetUtcNow();
        var working = latest;
        var saved = result.Title != latest.Title || !JsonElement.DeepEquals(result.Fields, Json.Parse(latest.Fields));
        if (saved)
        {
            working = new ContentRevision
            {
                ContentId = item.Id, Number = item.CurrentRevision + 1, Title = result.Title,
                Fields = result.Fields.GetRawText(), AuthorId = user.Id, AuthorName = user.Name, SavedAt = now,
            };
            db.Revisions.Add(working);
            item.CurrentRevision = working.Number;
            if (item.Status == ContentStatus.Approved) await GoLiveSchedule.SetAsideAsync(db, item, user, now, ct);
            if (item.Status is ContentStatus.Published or ContentStatus.Withdrawn) item.Status = ContentStatus.Draft;
            db.Record(item, working.Number, "saved", user, merge is null ? null : MergeWording.Audit(merge), now);
        }

        ContentRevision? published = null;
        if (item.PublishedRevision is { } p)
            published = await db.Revisions.AsNoTracking().SingleAsync(r => r.ContentId == item.Id && r.Number == p, ct);
        var (warnings, changes, changeClass) = await ContentGuards.CheckAsync(db, item, working, published, ct);

        if (saved)
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another save took this revision number first (concurrency token or primary key).
                return Stale(null);
            }
        }

        response.Headers.ETag = ETags.For(item.CurrentRevision);
        return TypedResults.Ok(new SaveView(ContentView.From(item, working))
        {
            Saved = saved, ChangeClass = changeClass, RequiredApprovals = ChangeClasses.RequiredApprovals(changeClass),
            ChangeReasons = SaveView.Reasons(changes, changeClass), Changes = changes.Count, Warnings = warnings, Merge = merge,
        });
    }

    private static async Task<(MergeSide? Merged, MergeView? View, ProblemHttpResult? Problem)> MergeAsync(
        AuthoringDbContext db, ContentItem item, int baseNumber, ContentRevision latest, MergeSide mine,
        IReadOnlyDictionary<string, string>? resolutions, TimeProvider clock, CancellationToken ct)
    {
        var @base = await db.Revisions.AsNoTracking().SingleAsync(r => r.ContentId == item.Id && r.Number == baseNumber, ct);
        var authors = (await db.Revisions.AsNoTracking()
                .Where(r => r.ContentId == item.Id && r.Number > baseNumber)
                .OrderBy(r => r.Number)
                .Select(r => r.AuthorName)
                .ToListAsync(ct))
            .Distinct(StringComparer.Ordinal).ToList();
        var merge = ThreeWayMerge.Merge(item.Type, Side(@base), Side(latest), mine, resolutions);
        if (merge.Conflicts.Count > 0)
            return (null, null, TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "You both changed the same fields",
                detail: MergeWording.ConflictDetail(authors, baseNumber, item.CurrentRevision, merge.Conflicts),
                extensions: new Dictionary<string, object?>
                {
                    ["conflicts"] = merge.Conflicts, ["baseRevision"] = baseNumber, ["currentRevision"] = item.CurrentRevision,
                    ["currentBy"] = authors,
                }));

        var valid = ContentFields.Validate(item.Type, merge.Merged.Fields, clock);
        if (!valid.IsValid)
            return (null, null, TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Your edit and theirs do not fit together",
                detail: $"Merged with revision {item.CurrentRevision}, the item would break a rule. Reload it and reapply your edit.",
                extensions: new Dictionary<string, object?> { ["errors"] = valid.Errors }));

        var view = new MergeView(baseNumber, item.CurrentRevision, authors, merge.KeptTheirs, merge.Choices);
        return (merge.Merged with { Fields = valid.Normalized!.Value }, view, null);
    }

    private static MergeSide Side(ContentRevision r) => new(r.Title, Json.Parse(r.Fields));

    private static void ValidateResolutions(Dictionary<string, string>? resolutions, Dictionary<string, string[]> errors)
    {
        if (resolutions is null) return;
        if (resolutions.Count > MaxResolutions)
            errors["resolutions"] = [$"At most {MaxResolutions} resolutions."];
        else if (resolutions.Any(r => r.Key.Length is 0 or > 300 || r.Value is not (ThreeWayMerge.Mine or ThreeWayMerge.Theirs)))
            errors["resolutions"] = ["Each resolution names a field (as the conflict gave its path) and is 'mine' or 'theirs'."];
    }

    private static ProblemHttpResult Stale(int? current) =>
        Problems.Status(StatusCodes.Status412PreconditionFailed, "Precondition Failed",
            current is { } n
                ? $"The item has changed since you loaded it (now at revision {n}). Reload, reapply your edit and save again."
                : "The item changed while you were saving. Reload, reapply your edit and save again.");
}
