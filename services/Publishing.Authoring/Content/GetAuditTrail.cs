using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Authoring.Data;

namespace Publishing.Authoring.Content;

public sealed record AuditView(DateTimeOffset At, string Action, int Revision, string ActorId, string ActorName, string? Detail);

public static class GetAuditTrail
{
    public static async Task<Results<Ok<List<AuditView>>, ProblemHttpResult>> Handle(
        string slug, AuthoringDbContext db, CancellationToken ct)
    {
        var (item, problem) = await db.FindAsync(slug, ct);
        if (item is null) return problem!;
        var trail = await db.Audit.AsNoTracking()
            .Where(a => a.ContentId == item.Id)
            .OrderBy(a => a.Id)
            .Select(a => new AuditView(a.At, a.Action, a.Revision, a.ActorId, a.ActorName, a.Detail))
            .ToListAsync(ct);
        return TypedResults.Ok(trail);
    }
}
