using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Publishing.Contracts;
using Publishing.Messaging.Validation;
using Xunit;

namespace Publishing.Messaging.Tests;

/// <summary>What a consumer refuses before acting: an event missing what every consumer needs, or larger than it can store.</summary>
public sealed class EventRulesTests
{
    private static readonly ServiceProvider Services = new ServiceCollection().AddEventRules().BuildServiceProvider();

    private static IReadOnlyList<string> Problems<T>(T message) where T : class
    {
        var problems = new EventProblems();
        foreach (var rules in Services.GetServices<IEventRules<T>>()) rules.Check(message, problems);
        return problems.Found;
    }

    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private static readonly Approval Signed = new("reviewer-1", "Aisha Rahman", "Clinical pharmacist", null, true, Now);

    private static ContentPublished Published() => new(
        Guid.NewGuid(), "imatinib", 2, Now, "drug", "Imatinib", JsonDocument.Parse("""{"name":"Imatinib"}""").RootElement,
        ["oncology"], ChangeClasses.Clinical, "New dosing table", "new-evidence", "editor-1", "Eve Editor", [Signed],
        Now.AddYears(-1), Now, Now, Now.AddYears(3), "sha256:abc");

    [Fact]
    public void Every_event_contract_has_its_rules()
    {
        var parts = new[] { typeof(Approval), typeof(FieldChange), typeof(WordChange) };
        var events = typeof(IContentChanged).Assembly.GetExportedTypes()
            .Where(t => t.GetMethod("<Clone>$") is not null && !parts.Contains(t));
        Assert.All(events, t => Assert.True(
            Services.GetServices(typeof(IEventRules<>).MakeGenericType(t)).Any(),
            $"{t.Name} has no rules: add Validation/Rules/{t.Name}Rules.cs in Publishing.Messaging."));
    }

    [Fact]
    public void A_complete_publication_passes() => Assert.Empty(Problems(Published()));

    public static TheoryData<string, Func<ContentPublished, ContentPublished>, string> BrokenPublications => new()
    {
        { "no title", m => m with { Title = null! }, "title is missing" },
        { "a blank title", m => m with { Title = "  " }, "title is missing" },
        { "a title too long to store", m => m with { Title = new string('a', 301) }, "title is 301 characters, more than 300" },
        { "no slug", m => m with { Slug = null! }, "slug is missing" },
        { "a slug that is not one", m => m with { Slug = "Imatinib Tablets" }, "slug 'Imatinib Tablets' is not a slug" },
        { "revision 0", m => m with { Revision = 0 }, "revision is 0" },
        { "no content id", m => m with { ContentId = Guid.Empty }, "contentId is missing" },
        { "no fields", m => m with { Fields = default }, "fields is missing" },
        { "fields that are not an object", m => m with { Fields = JsonDocument.Parse("[1]").RootElement }, "fields is not a JSON object" },
        { "no tags list", m => m with { Tags = null! }, "tags is missing" },
        { "a missing tag", m => m with { Tags = ["oncology", null!] }, "tags[1] is missing" },
        { "an unknown change class", m => m with { ChangeClass = "cosmetic" }, "changeClass 'cosmetic' is not one of" },
        { "no sign-off", m => m with { Approvals = [] }, "approvals has 0 items, fewer than 1" },
        { "a sign-off without a reviewer", m => m with { Approvals = [Signed with { ReviewerId = null! }] }, "approvals[0].reviewerId is missing" },
        { "no content hash", m => m with { ContentHash = null! }, "contentHash is missing" },
    };

    [Theory]
    [MemberData(nameof(BrokenPublications))]
    public void A_publication_is_refused_with(string what, Func<ContentPublished, ContentPublished> breakIt, string problem)
    {
        var found = Problems(breakIt(Published()));
        Assert.True(found.Any(p => p.StartsWith(problem, StringComparison.Ordinal)), $"With {what}: [{string.Join("; ", found)}]");
    }

    [Fact]
    public void A_withdrawal_without_a_reason_or_a_withdrawer_is_refused()
    {
        var withdrawn = new ContentWithdrawn(Guid.NewGuid(), "imatinib", 2, Now, "drug", "Imatinib", null!, "", "Aisha Rahman");
        Assert.Equal(["reason is missing", "withdrawnById is missing"], Problems(withdrawn));
    }

    [Fact]
    public void A_submission_with_a_broken_field_change_is_refused_naming_it()
    {
        var submitted = new ContentSubmittedForReview(Guid.NewGuid(), "imatinib", 3, Now, Guid.NewGuid(), "drug", "Imatinib",
            ChangeClasses.Safety, 2, "safety", "New boxed warning", "editor-1", "Eve Editor",
            [new FieldChange("warnings", "changed", "\"old\"", "\"new\"", ChangeClasses.Safety), new FieldChange(null!, "added", null, "1", "safety")]);
        Assert.Equal(["changes[1].path is missing"], Problems(submitted));
    }

    [Fact]
    public void A_word_run_of_an_unknown_kind_is_refused_naming_it()
    {
        IReadOnlyList<WordChange> words = [new("unchanged", "Take "), new("moved", "twice"), new("added", "once")];
        var submitted = new ContentSubmittedForReview(Guid.NewGuid(), "imatinib", 3, Now, Guid.NewGuid(), "drug", "Imatinib",
            ChangeClasses.Safety, 2, "safety", "Dose wording", "editor-1", "Eve Editor",
            [new FieldChange("administration.dose", "changed", "\"Take twice\"", "\"Take once\"", ChangeClasses.Safety, "Take twice", "Take once", words)]);
        Assert.Equal(["changes[0].words[1].kind is not unchanged, added or removed"], Problems(submitted));
    }

    [Fact]
    public void The_refusal_names_the_event_and_every_problem()
    {
        var error = new InvalidEventException(typeof(ContentPublished), Problems(Published() with { Title = null!, Slug = "" }));
        Assert.Equal("ContentPublished refused: slug '' is not a slug; title is missing.", error.Message);
    }
}
