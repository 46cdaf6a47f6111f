using Microsoft.AspNetCore.Mvc;
using Publishing.Studio.Api;

namespace Publishing.Studio.Pages.Reviews;

public sealed class ReviewQueueModel(ReviewApi reviews) : StudioPageModel
{
    public List<ReviewSummary>? Queue { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var queue = await reviews.QueueAsync("pending", ct);
        if (!queue.Ok) return ProblemPage(queue.Problem!);
        Queue = queue.Value;
        return Page();
    }
}
