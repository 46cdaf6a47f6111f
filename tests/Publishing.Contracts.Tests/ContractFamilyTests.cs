using System.Reflection;
using System.Runtime.InteropServices;
using Xunit;

namespace Publishing.Contracts.Tests;

public class ContractFamilyTests
{
    private static readonly Assembly Contracts = typeof(IContentChanged).Assembly;

    public static readonly Type[] ContentEvents =
        [typeof(ContentSubmittedForReview), typeof(ContentPublished), typeof(ContentWithdrawn), typeof(ContentReviewConfirmed),
         typeof(SubmissionRecalled)];

    public static readonly Type[] ReviewEvents = [typeof(ReviewApproved), typeof(ChangesRequested), typeof(ReviewDue), typeof(PeriodicReviewCompleted)];

    /// <summary>Events about several items at once: never in the content family, whose consumers expect one item.</summary>
    public static readonly Type[] ReleaseEvents = [typeof(ReleasePublished)];

    /// <summary>Records that only travel inside events.</summary>
    public static readonly Type[] Parts = [typeof(Approval), typeof(FieldChange), typeof(WordChange)];

    public static TheoryData<Type> ContentEventTypes => new(ContentEvents);
    public static TheoryData<Type> ReviewEventTypes => new(ReviewEvents.Concat(ReleaseEvents));

    [Theory]
    [MemberData(nameof(ContentEventTypes))]
    public void Content_event_is_part_of_the_content_changed_family(Type type) =>
        Assert.True(typeof(IContentChanged).IsAssignableFrom(type), $"{type.Name} must implement IContentChanged.");

    [Theory]
    [MemberData(nameof(ReviewEventTypes))]
    public void Review_event_is_never_delivered_to_content_changed_consumers(Type type) =>
        Assert.False(typeof(IContentChanged).IsAssignableFrom(type),
            $"{type.Name} is a review event; implementing IContentChanged would deliver it to every consumer of the content family.");

    [Fact]
    public void Every_public_record_is_classified_as_content_event_review_event_or_part()
    {
        var classified = ContentEvents.Concat(ReviewEvents).Concat(ReleaseEvents).Concat(Parts).ToHashSet();
        var records = Contracts.GetExportedTypes().Where(t => t.GetMethod("<Clone>$") is not null);
        Assert.All(records, t => Assert.True(classified.Contains(t),
            $"{t.Name} is new: add it to ContentEvents (and implement IContentChanged), ReviewEvents, ReleaseEvents or Parts in {nameof(ContractFamilyTests)}."));
    }

    [Fact]
    public void Contracts_assembly_references_only_the_base_framework()
    {
        var runtimeDir = RuntimeEnvironment.GetRuntimeDirectory();
        var foreign = Contracts.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => !(n.StartsWith("System", StringComparison.Ordinal) || n == "netstandard" || n.StartsWith("Microsoft.", StringComparison.Ordinal))
                        || !File.Exists(Path.Combine(runtimeDir, n + ".dll")))
            .ToList();
        Assert.True(foreign.Count == 0,
            $"Publishing.Contracts is shared by every service and must not depend on packages; it references: {string.Join(", ", foreign)}");
    }
}
