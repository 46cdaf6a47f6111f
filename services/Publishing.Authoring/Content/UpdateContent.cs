using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Authoring.Content.Model;
using Publishing.Authoring.Data;
using Publishing.ServiceDefaults.Auth;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Authoring.Content;

public sealed record UpdateContentRequest(
    [property: JsonConverter(typeof(JsonText))] string? Title,
    JsonElement? Fields);

/// <summary>Saves a new revision of the working copy; If-Match makes a stale save fail instead of overwrite.</summary>
public static class UpdateContent
{
    public static async Task<Results<Ok<ContentView>, ProblemHttpResult>> Handle(
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
        if (errors.Count > 0) return Problems.Invalid(errors);

        var item = await db.Content.SingleOrDefaultAsync(c => c.Slug == slug, ct);
        if (item is null) return Problems.NotFound($"No content has the slug '{slug}'.");
        if (item.CurrentRevision != expected) return Stale(item.CurrentRevision);
        if (item.Status == ContentStatus.InReview)
            return Problems.Conflict("The item is in review; it can be edited again once the review ends.");

        var fields = ContentFields.Validate(item.Type, request.Fields!.Value, clock);
        if (!fields.IsValid) return CreateContent.FieldsProblem(fields);

        var user = CurrentUser.From(principal);
        var now = clock.GetUtcNow();
        var revision = new ContentRevision
        {
            ContentId = item.Id, Number = item.CurrentRevision + 1, Title = request.Title!.Trim(),
            Fields = fields.Normalized!.Value.GetRawText(), AuthorId = user.Id, AuthorName = user.Name, SavedAt = now,
        };
        db.Revisions.Add(revision);
        item.CurrentRevision = revision.Number;
        if (item.Status is ContentStatus.Published or ContentStatus.Withdrawn) item.Status = ContentStatus.Draft;
        db.Record(item, revision.Number, "saved", user, null, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another save took this revision number first (concurrency token or primary key).
            return Stale(null);
        }

        response.Headers.ETag = ETags.For(revision.Number);
        return TypedResults.Ok(ContentView.From(item, revision));
    }

    private static ProblemHttpResult Stale(int? current) =>
        Problems.Status(StatusCodes.Status412PreconditionFailed, "Precondition Failed",
            current is { } n
                ? $"The item has changed since you loaded it (now at revision {n}). Reload, reapply your edit and save again."
                : "The item changed while you were saving. Reload, reapply your edit and save again.");
}
