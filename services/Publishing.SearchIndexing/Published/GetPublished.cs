using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Publishing.SearchIndexing.Data;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.SearchIndexing.Published;

public static class GetPublished
{
    public static async Task<Results<Ok<PublishedView>, StatusCodeHttpResult, JsonHttpResult<WithdrawnView>, ProblemHttpResult>> Handle(
        string slug, SearchDbContext db, HttpRequest request, HttpResponse response, CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug();
        var doc = await db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.Slug == slug, ct);
        if (doc is null) return Problems.NotFound($"No published content has the slug '{slug}'.");
        if (doc.State == DocumentState.Withdrawn)
            return TypedResults.Json(new WithdrawnView(doc.Slug, doc.WithdrawnAt, doc.WithdrawalReason, doc.Title, doc.ContentType),
                statusCode: StatusCodes.Status410Gone);

        // A periodic review changes what the page shows (its dates) without a new revision.
        var etag = new EntityTagHeaderValue(doc.LastReviewed is { } reviewed
            ? $"\"{doc.Revision}-{reviewed.UtcTicks}\""
            : $"\"{doc.Revision}\"");
        var headers = response.GetTypedHeaders();
        headers.ETag = etag;
        headers.LastModified = new[] { doc.LastModified, doc.LastReviewed }.Max();
        headers.CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromSeconds(60) };

        // If-None-Match uses the weak comparison (RFC 9110 13.1.2).
        if (request.GetTypedHeaders().IfNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false)))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Ok(PublishedView.From(doc));
    }
}
