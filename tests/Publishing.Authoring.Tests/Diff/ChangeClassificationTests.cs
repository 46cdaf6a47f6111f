using System.Text.Json;
using Publishing.Authoring.Content.Diff;
using Publishing.Contracts;
using Xunit;

namespace Publishing.Authoring.Tests.Diff;

/// <summary>
/// The classification rules the seed-edit tests beside it do not reach: a drug's
/// whole side-effects object appearing, disappearing or changing kind, and the indications list
/// replaced by something that is not a list (an indication added or removed is pinned in DrugChangeClassTests).
/// </summary>
public class ChangeClassificationTests
{
    /// <summary>Null stands for an absent value.</summary>
    private static JsonElement Json(string? text) => text is null ? default : JsonDocument.Parse(text).RootElement.Clone();

    [Theory]
    [InlineData(ContentDiff.Added, null, """{"common":["nausea"]}""", ChangeClasses.Clinical)]
    [InlineData(ContentDiff.Added, null, """{"serious":["bleeding"]}""", ChangeClasses.Safety)]
    [InlineData(ContentDiff.Removed, """{"common":["nausea"]}""", null, ChangeClasses.Clinical)]
    [InlineData(ContentDiff.Removed, """{"serious":["bleeding"]}""", null, ChangeClasses.Safety)]
    [InlineData(ContentDiff.Changed, """{"common":["nausea"]}""", "\"see the leaflet\"", ChangeClasses.Clinical)]
    [InlineData(ContentDiff.Changed, """{"serious":["bleeding"]}""", "\"see the leaflet\"", ChangeClasses.Safety)]
    public void The_whole_side_effects_object_is_safety_only_when_serious_effects_come_or_go(
        string kind, string? before, string? after, string expected) =>
        Assert.Equal(expected, ChangeClassification.Drug("sideEffects", kind, Json(before), Json(after)));

    [Fact]
    public void Replacing_the_indications_list_by_a_non_list_is_safety() =>
        Assert.Equal(ChangeClasses.Safety,
            ChangeClassification.Drug("indications", ContentDiff.Changed, Json("""[{"condition":"GIST"}]"""), Json("\"GIST\"")));
}
