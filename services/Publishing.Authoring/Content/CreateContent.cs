using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Authoring.Content.Model;
using Publishing.Authoring.Data;
using Publishing.Messaging.Inbox;
using Publishing.ServiceDefaults.Auth;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Authoring.Content;

public sealed record CreateContentRequest(
    [property: JsonConverter(typeof(JsonText))] string? Type,
    [property: JsonConverter(typeof(JsonText))] string? Slug,
    [property: JsonConverter(typeof(JsonText))] string? Title,
    JsonElement? Fields);

public static class CreateContent
{
    public static async Task<Results<Created<ContentView>, ProblemHttpResult>> Handle(
        CreateContentRequest request, ClaimsPrincipal principal, AuthoringDbContext db, TimeProvider clock,
        HttpResponse response, CancellationToken ct)
    {
        var refused = TextHygiene.Refused(("type", request.Type, false), ("slug", request.Slug, false), ("title", request.Title, false));
        if (refused.Count > 0) return Problems.Invalid(refused, StatusCodes.Status422UnprocessableEntity);
        var errors = Validate(request);
        if (errors.Count > 0) return Problems.Invalid(errors);
        var fields = ContentFields.Validate(request.Type!, request.Fields!.Value, clock);
        if (!fields.IsValid) return FieldsProblem(fields);

        var user = CurrentUser.From(principal);
        var now = clock.GetUtcNow();
        var item = new ContentItem
        {
            Id = Guid.NewGuid(), Slug = request.Slug!, Type = request.Type!, Status = ContentStatus.Draft,
            CurrentRevision = 1, CreatedAt = now,
        };
        var revision = new ContentRevision
        {
            ContentId = item.Id, Number = 1, Title = request.Title!.Trim(), Fields = fields.Normalized!.Value.GetRawText(),
            AuthorId = user.Id, AuthorName = user.Name, SavedAt = now,
        };
        item.Revisions.Add(revision);
        db.Content.Add(item);
        db.Record(item, 1, "created", user, null, now);
        try
        {
            // Insert-first: the unique slug index decides between two simultaneous creates.
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
        {
            return Problems.Conflict($"Content with the slug '{request.Slug}' already exists.");
        }

        response.Headers.ETag = ETags.For(1);
        return TypedResults.Created($"/api/content/{item.Slug}", ContentView.From(item, revision));
    }

    internal static Dictionary<string, string[]> Validate(CreateContentRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Type is null || !ContentTypes.All.Contains(request.Type))
            errors["type"] = ["The type must be 'drug' or 'article'."];
        if (!Slug.IsValid(request.Slug)) errors["slug"] = [Slug.Rule];
        ValidateTitleAndFields(request.Title, request.Fields, errors);
        return errors;
    }

    /// <summary>Refused text is a 422 (the request is well formed, its text is not acceptable); any other problem a 400.</summary>
    internal static ProblemHttpResult FieldsProblem(ContentFieldsResult fields) =>
        Problems.Invalid(fields.Errors!, fields.RefusedText ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status400BadRequest);

    internal static void ValidateTitleAndFields(string? title, JsonElement? fields, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(title)) errors["title"] = ["A title is required."];
        else if (title.Length > 300) errors["title"] = ["A title is at most 300 characters."];
        if (fields is not { ValueKind: JsonValueKind.Object }) errors["fields"] = ["The fields must be a JSON object."];
    }
}
