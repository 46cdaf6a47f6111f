using Publishing.Contracts;
using Publishing.SearchIndexing.Data;
using Publishing.ServiceDefaults.Integrity;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.SearchIndexing.Rebuild;

/// <summary>
/// Whether a revision read during a rebuild may be believed. Its fields must hash to the content
/// hash Authoring recorded when it was approved, and where this service already received that
/// revision through its event, both must be the same text. A refused revision is reported in the
/// rebuild's status and changes nothing: a rebuild can fill a gap, never rewrite what was signed off.
/// </summary>
public static class RevisionCheck
{
    public static string? Refuse(ContentPublished published, PublishedDocument? held)
    {
        // Read from another service's JSON: anything may be missing, and one bad item must not fail the whole rebuild.
        if (!Slug.IsValid(published.Slug)) return Slug.Rule;
        if (string.IsNullOrWhiteSpace(published.Title) || string.IsNullOrWhiteSpace(published.ContentType)
            || new[] { published.ChangeClass, published.ChangeSummary, published.AuthorName, published.ContentHash }.Any(v => v is null))
            return "The revision lacks its title, type, change class, change summary, author or content hash.";
        if (published.Fields.ValueKind != System.Text.Json.JsonValueKind.Object) return "The revision's fields are not an object.";
        if (published.Revision < 1) return "A published revision is numbered from 1.";
        if (published.Approvals is not { Count: > 0 }) return "The revision carries no approvals.";
        if (CanonicalJson.Sha256(published.Fields) != published.ContentHash)
            return "Its fields do not hash to its content hash: it is not the text that was approved.";
        if (held is not null && held.Revision == published.Revision && held.State == DocumentState.Published && held.ContentHash != published.ContentHash)
            return $"Revision {published.Revision} differs from the one this service received when it was published.";
        return null;
    }
}
