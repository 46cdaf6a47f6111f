using Microsoft.AspNetCore.Mvc;
using Publishing.Studio.Api;

namespace Publishing.Studio.Pages;

/// <summary>The content list: filtered by Authoring, then searched, sorted and narrowed by <see cref="ContentListQuery"/>.</summary>
public sealed class IndexModel(AuthoringApi authoring, ReviewApi reviews, TimeProvider clock) : StudioPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Waiting { get; set; }

    public List<ContentSummary>? Items { get; private set; }

    /// <summary>The slugs of the listed items that wait on the signed-in person.</summary>
    public HashSet<string> WaitingOnMe { get; private set; } = [];

    /// <summary>For a reviewer: the pending review of each item waiting on them, to link to.</summary>
    public Dictionary<string, Guid> ReviewOf { get; private set; } = [];

    /// <summary>Why "waiting on me" could not be worked out (Review did not answer); the list is still shown.</summary>
    public string? WaitingProblem { get; private set; }

    public bool CanWait => Me is { } me && (me.IsEditor || me.IsReviewer);

    public bool OnlyWaiting => Waiting == ContentListQuery.WaitingOnMe;

    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var refused = ContentListQuery.Refused(Q, Sort, Waiting);
        if (refused.Count > 0)
            return ProblemPage(new ApiProblem(400, "The list cannot be shown that way", "Change what is marked below and try again.", refused));

        var result = await authoring.ListAsync(Status, Type, ct);
        if (!result.Ok) return ProblemPage(result.Problem!);
        var all = result.Value!;
        if (CanWait)
        {
            var me = Me!;
            IEnumerable<string> awaitingReview = [];
            if (me.IsReviewer)
            {
                var queue = await reviews.AwaitingMeAsync(ct);
                if (queue.Ok)
                {
                    ReviewOf = queue.Value!.GroupBy(r => r.Slug).ToDictionary(g => g.Key, g => g.First().Id);
                    awaitingReview = ReviewOf.Keys;
                }
                else WaitingProblem = $"Reviews waiting on you could not be found: {queue.Problem!.Message}";
            }
            WaitingOnMe = ContentListQuery.Waiting(all, me, awaitingReview);
        }
        Items = ContentListQuery.Apply(all, Q, Sort, OnlyWaiting ? WaitingOnMe : null);
        return Page();
    }
}
