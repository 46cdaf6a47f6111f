using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Authoring.Content.Guards;
using Publishing.Authoring.Content.Model;
using Publishing.Authoring.Data;
using Publishing.Contracts;
using Publishing.ServiceDefaults.Auth;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Authoring.Content;

/// <summary>
/// Brings an earlier revision back as a new one: revision <c>n</c>'s title and fields become the
/// working copy under the next number, so history stays append-only and the trail says where it came
/// from. Nothing is published: the restored copy is a change like any save, classified and guarded
/// against what is live, and goes through review when the editor submits it.
/// </summary>
public static class RestoreRevision
{
    public static async Task<Results<Ok<SaveView>, ProblemHttpResult>> Handle(
        string slug, int number, ClaimsPrincipal principal, AuthoringDbContext db, TimeProvider clock,
        HttpRequest http, HttpResponse response, CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug();
        var expected = ETags.Parse(http.Headers.IfMatch);
        if (expected is null)
            return Problems.Status(StatusCodes.Status428PreconditionRequired, "Precondition Required",
                "Send If-Match with the ETag of the working copy you are replacing, so a newer save is never overwritten.");

        var item = await db.Content.SingleOrDefaultAsync(c => c.Slug == slug, ct);
        if (item is null) return Problems.NotFound($"No content has the slug '{slug}'.");
        if (number < 1 || number > item.CurrentRevision)
            return Problems.NotFound($"'{slug}' has no revision {number}; its revisions are 1 to {item.CurrentRevision}.");
        if (item.CurrentRevision != expected) return Stale(item.CurrentRevision);
        if (item.Status == ContentStatus.InReview)
            return Problems.Conflict("The item is in review; recall the submission or wait for the review to end before restoring a revision.");
        if (number == item.CurrentRevision)
            return Problems.Conflict($"Revision {number} is already the working copy; there is nothing to restore.");

        var source = await db.Revisions.AsNoTracking().SingleAsync(r => r.ContentId == item.Id && r.Number == number, ct);
        var latest = await db.Revisions.AsNoTracking().SingleAsync(r => r.ContentId == item.Id && r.Number == item.CurrentRevision, ct);
        // Today's rules apply to old content too: a revision written under looser rules is refused, not restored.
        var fields = ContentFields.Validate(item.Type, Json.Parse(source.Fields), clock);
        if (!fields.IsValid) return CreateContent.FieldsProblem(fields);
        if (source.Title == latest.Title && JsonElement.DeepEquals(fields.Normalized!.Value, Json.Parse(latest.Fields)))
            return Problems.Conflict($"Revision {number} reads the same as the working copy (revision {item.CurrentRevision}); there is nothing to restore.");

        var user = CurrentUser.From(principal);
        var now = clock.GetUtcNow();
        var restored = new ContentRevision
        {
            ContentId = item.Id, Number = item.CurrentRevision + 1, Title = source.Title,
            Fields = fields.Normalized!.Value.GetRawText(), AuthorId = user.Id, AuthorName = user.Name, SavedAt = now,
        };
        db.Revisions.Add(restored);
        item.CurrentRevision = restored.Number;
        if (item.Status is ContentStatus.Published or ContentStatus.Withdrawn) item.Status = ContentStatus.Draft;
        db.Record(item, restored.Number, "restored", user, $"Restored from revision {number}.", now);

        ContentRevision? published = null;
        if (item.PublishedRevision is { } p)
            published = await db.Revisions.AsNoTracking().SingleAsync(r => r.ContentId == item.Id && r.Number == p, ct);
        var (warnings, changes, changeClass) = await ContentGuards.CheckAsync(db, item, restored, published, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another save took this revision number first (concurrency token or primary key).
            return Stale(null);
        }

        response.Headers.ETag = ETags.For(item.CurrentRevision);
        return TypedResults.Ok(new SaveView(ContentView.From(item, restored))
        {
            Saved = true, ChangeClass = changeClass, RequiredApprovals = ChangeClasses.RequiredApprovals(changeClass),
            ChangeReasons = SaveView.Reasons(changes, changeClass), Changes = changes.Count, Warnings = warnings,
        });
    }

    private static ProblemHttpResult Stale(int? current) =>
        Problems.Status(StatusCodes.Status412PreconditionFailed, "Precondition Failed",
            current is { } n
                ? $"The item has changed since you loaded it (now at revision {n}). Reload and restore again."
                : "The item changed while restoring. Reload and restore again.");
}
