using Publishing.Authoring.Data;
using Publishing.ServiceDefaults.Auth;

namespace Publishing.Authoring.Content;

internal static class Audit
{
    public static void Record(this AuthoringDbContext db, ContentItem item, int revision, string action,
        string actorId, string actorName, string? detail, DateTimeOffset at) =>
        db.Audit.Add(new AuditEntry
        {
            ContentId = item.Id, Slug = item.Slug, Revision = revision, Action = action,
            ActorId = actorId, ActorName = actorName, Detail = detail, At = at,
        });

    public static void Record(this AuthoringDbContext db, ContentItem item, int revision, string action,
        CurrentUser user, string? detail, DateTimeOffset at) =>
        db.Record(item, revision, action, user.Id, user.Name, detail, at);
}
