using System.Reflection;
using System.Text.Json;
using Xunit;

namespace Publishing.Faults.Tests;

/// <summary>
/// The fault suite's short form: the four services as separate processes on a broker node of their own, each
/// fault in turn while editors and reviewers publish. Whatever the fault, every accepted publication reaches
/// Search, the change feed, Notifications and the webhook subscriber, once each, and nothing a malformed message
/// says is applied. How long recovery took is reported by the program (docs/reliability.md), never asserted.
/// </summary>
public sealed class FaultSuiteTests(FaultSuiteRun run) : IClassFixture<FaultSuiteRun>
{
    [Theory]
    [InlineData("baseline")]
    [InlineData("kill-search")]
    [InlineData("kill-authoring")]
    [InlineData("kill-review")]
    [InlineData("kill-notifications")]
    [InlineData("kill-broker")]
    [InlineData("pause-broker")]
    [InlineData("cut-authoring")]
    [InlineData("poison")]
    [InlineData("malformed")]
    [InlineData("lock-search-db-15s")]
    [InlineData("lock-search-db-5min")]
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
