using System.Reflection;
using System.Text.Json;
using Xunit;

namespace Publishing.Faults.Tests;

/// <summary>
/// The fault suite's short form: the four services as separate processes on a broker node of their own, each
/// fault in turn while editors and reviewers publish. Whatever the fault, every accepted publication reaches
/// Search, the change feed, Notifications and the webhook subscriber, once each, and nothing a malformed message
/// says is applied. How long recovery took is reported by the program (docs/reliability.md), never asserted.
/// A scenario skipped here exposes a defect someone is fixing: the reason names it; remove the skip with the fix.
/// </summary>
public sealed class FaultSuiteTests(FaultSuiteRun run) : IClassFixture<FaultSuiteRun>
{
    private const string StrandedWebhooks =
        "Defect (issue #14, 2): a Notifications crash strands the webhook deliveries it had claimed until their lease " +
        "(8 x 15 s + 60 s) runs out, about 3 minutes, so they are still missing when this run stops waiting.";

    private const string MalformedEventsApplied =
        "Defect (issue #14, 6): consumers apply a ContentPublished with no title, no fields or a bad slug (Search " +
        "lists it, Notifications records it and sends webhooks) instead of refusing it to the error queue.";

    private const string LongStallParksMessages =
        "Defect (issue #14, 1): a database stall longer than the consumer's retries parks Search's messages in the " +
        "error queue for good. Also 5 minutes long: the full form only (dotnet run --project tests/Publishing.Faults -- --full).";

    [Theory]
    [InlineData("baseline")]
    [InlineData("kill-search")]
    [InlineData("kill-authoring")]
    [InlineData("kill-review")]
    [InlineData("kill-notifications", Skip = StrandedWebhooks)]
    [InlineData("kill-broker")]
    [InlineData("pause-broker")]
    [InlineData("cut-authoring")]
    [InlineData("poison")]
    [InlineData("malformed", Skip = MalformedEventsApplied)]
    [InlineData("lock-search-db-15s")]
    [InlineData("lock-search-db-5min", Skip = LongStallParksMessages)]
    [InlineData("hang-subscriber")]
    public void Every_publication_has_each_of_its_effects_once(string scenario)
    {
        var result = run.Result(scenario);
        var summary = $"{scenario}: {result}\n\nThe end of the fault suite's output:\n{run.Summary}";
        Assert.True(result.GetProperty("error").ValueKind == JsonValueKind.Null, summary);
        Assert.True(result.GetProperty("publications").GetInt32() > 0, summary);
        Assert.True(result.GetProperty("lost").GetInt32() == 0, summary);
        Assert.True(result.GetProperty("duplicateEffects").GetInt32() == 0, summary);
        Assert.True(result.GetProperty("strayEffects").GetInt32() == 0, summary);
    }

    /// <summary>The scenarios of the cases above that are not skipped, for the one run of the program.</summary>
    public static IReadOnlyList<string> ScenariosToRun() =>
        typeof(FaultSuiteTests).GetMethod(nameof(Every_publication_has_each_of_its_effects_once))!
            .GetCustomAttributes<InlineDataAttribute>()
            .Where(d => d.Skip is null)
            .Select(d => (string)d.GetData(null!).Single()[0])
            .ToList();
}
