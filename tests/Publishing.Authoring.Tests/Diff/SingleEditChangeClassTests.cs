using System.Text.Json.Nodes;
using Publishing.Authoring.Content.Diff;
using Xunit;

namespace Publishing.Authoring.Tests.Diff;

// Inside the namespace: from a file-level using, Diff(...) would name the sibling namespace Publishing.Authoring.Tests.Diff.
using static Publishing.Authoring.Tests.Diff.SeedEdits;

/// <summary>
/// One edit of one field, drug or article, and the class the policy gives it.
/// </summary>
public class SingleEditChangeClassTests
{
    [Theory]
    [InlineData("regorafenib", "administration.dose", "\"80 mg once a day\"", "administration.dose", "changed", "safety")]
    [InlineData("regorafenib", "administration.foodAdvice", "null", "administration.foodAdvice", "removed", "safety")]
    [InlineData("regorafenib", "sideEffects.contactTeamIf", "\"Call us.\"", "sideEffects.contactTeamIf", "changed", "clinical")]
    [InlineData("regorafenib", "drugClass", "\"multi-kinase inhibitor\"", "drugClass", "changed", "clinical")]
    [InlineData("regorafenib", "evidenceNotes", "\"See GRID.\"", "evidenceNotes", "changed", "clinical")]
    [InlineData("regorafenib", "genericName", "\"Regorafenib\"", "genericName", "changed", "editorial")]
    [InlineData("regorafenib", "tags", "[\"GIST\"]", "tags", "added", "editorial")]
    [InlineData(Article, "summary", "\"A new summary.\"", "summary", "changed", "editorial")]
    [InlineData(Article, "title", "\"Targeted drugs for sarcoma\"", "title", "changed", "editorial")]
    [InlineData(Article, "conditions.0", "\"STS\"", "conditions[STS]", "added", "editorial")]
    [InlineData(Article, "sections.1.body", "\"Shorter.\"", "sections[Imatinib (Glivec)].body", "changed", "clinical")]
    public void A_single_edit_has_the_policys_class(string slug, string at, string json, string path, string kind, string changeClass)
    {
        var (seed, after) = Edit(slug, f => Set(f, at, JsonNode.Parse(json)));

        // Replacing one item of a string list is one removal plus one addition: check the addition.
        var change = Assert.Single(Diff(seed, after), c => c.Kind != ContentDiff.Removed || kind == ContentDiff.Removed);

        Assert.Equal((path, kind, changeClass), (change.Path, change.Kind, change.ChangeClass));
    }
}
