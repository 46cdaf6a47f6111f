using Publishing.Contracts;
using Publishing.SearchIndexing.Data;
using Publishing.ServiceDefaults.Integrity;

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
        if (published.Revision < 1) return "A published revision is numbered from 1.";
        if (published.Approvals.Count == 0) return "The revision carries no approvals.";
        if (CanonicalJson.Sha256(published.Fields) != published.ContentHash)
            return "Its fields do not hash to its content hash: it is not the text that was approved.";
        if (held is not null && held.Revision == published.Revision && held.State == DocumentState.Published && held.ContentHash != published.ContentHash)
            return $"Revision {published.Revision} differs from the one this service received when it was published.";
        return null;
    }
}
