using Microsoft.EntityFrameworkCore;
using Publishing.Studio.Auth;
using Publishing.Studio.Data;

namespace Publishing.Studio.Presence;

/// <summary>
/// Who else has an item's editor open now: each open editor page says so every
/// <see cref="HeartbeatSeconds"/> seconds (and on every load and save); anyone heard from within
/// <see cref="Window"/> counts as editing. Kept in the Studio's own database so every Studio instance agrees.
/// </summary>
public sealed class EditorPresence(StudioDbContext db, TimeProvider clock)
{
    public const int HeartbeatSeconds = 30;

    /// <summary>Four missed heartbeats and a person no longer counts as editing.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(HeartbeatSeconds * 4);

    /// <summary>Rows this old are removed whenever the item's presence is written.</summary>
    private static readonly TimeSpan KeepFor = TimeSpan.FromDays(1);

    /// <summary>Records that <paramref name="me"/> is editing <paramref name="slug"/>; returns the others editing it now, by name.</summary>
    public async Task<IReadOnlyList<string>> BeatAsync(string slug, StudioUser me, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rows = await db.EditingPresence.Where(p => p.Slug == slug).ToListAsync(ct);
        var mine = rows.FirstOrDefault(r => r.UserId == me.Id);
        if (mine is null) db.EditingPresence.Add(new EditingPresence { Slug = slug, UserId = me.Id, UserName = me.Name, LastSeen = now });
        else (mine.UserName, mine.LastSeen) = (me.Name, now);
        db.EditingPresence.RemoveRange(rows.Where(r => r.UserId != me.Id && now - r.LastSeen > KeepFor));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same person's other tab wrote first (or removed a stale row first): presence is best effort.
        }
        return Others(rows, me, now);
    }

    /// <summary>The others editing <paramref name="slug"/> now, without recording anything.</summary>
    public async Task<IReadOnlyList<string>> OthersAsync(string slug, StudioUser me, CancellationToken ct) =>
        Others(await db.EditingPresence.AsNoTracking().Where(p => p.Slug == slug).ToListAsync(ct), me, clock.GetUtcNow());

    /// <summary><paramref name="me"/> closed the editor.</summary>
    public async Task LeaveAsync(string slug, StudioUser me, CancellationToken ct)
    {
        await db.EditingPresence.Where(p => p.Slug == slug && p.UserId == me.Id).ExecuteDeleteAsync(ct);
    }

    private static List<string> Others(IEnumerable<EditingPresence> rows, StudioUser me, DateTimeOffset now) =>
        rows.Where(r => r.UserId != me.Id && now - r.LastSeen <= Window)
            .OrderBy(r => r.UserName, StringComparer.CurrentCulture)
            .Select(r => r.UserName)
            .ToList();

    /// <summary>"Aisha Rahman is editing this too", for the page and (the same words) for the heartbeat's script.</summary>
    public static string? Sentence(IReadOnlyList<string> others) => others.Count switch
    {
        0 => null,
        1 => $"{others[0]} is editing this too.",
        _ => $"{string.Join(", ", others.SkipLast(1))} and {others[^1]} are editing this too.",
    };
}
