using System.Text.Json;
using System.Text.Json.Nodes;
using Publishing.Authoring.Content.Diff;
using Xunit;

namespace Publishing.Authoring.Tests.Diff;

// Inside the namespace: from a file-level using, Diff(...) would name the sibling namespace Publishing.Authoring.Tests.Diff.
using static Publishing.Authoring.Tests.Diff.SeedEdits;

/// <summary>
/// Each list with a change inside is given whole, every item marked, removed items where they stood,
/// so a reviewer reads a new item beside the ones already there.
/// </summary>
public class WholeListTests
{
    [Fact]
    public void An_added_serious_side_effect_shows_in_the_whole_list_beside_the_existing_ones()
    {
        var seed = Load("regorafenib");
        var after = Fields(seed, f => f["sideEffects"]!["serious"]!.AsArray().Add("bowel perforation"));

        var list = Assert.Single(ContentDiff.Compare("drug", Fields(seed), after).Lists);

        Assert.Equal(("sideEffects.serious", "safety"), (list.Path, list.ChangeClass));
        Assert.Equal(["unchanged", "unchanged", "unchanged", "unchanged", "added"], list.Items.Select(i => i.Kind));
        Assert.Equal("a tear (perforation) or abnormal opening (fistula) in the bowel", list.Items[2].AfterText);
        Assert.Equal(("bowel perforation", null), (list.Items[4].AfterText, list.Items[4].BeforeText));
    }

    [Fact]
    public void A_removed_item_stands_where_it_was_and_an_edited_one_carries_its_words()
    {
        var seed = Load("regorafenib");
        var after = Fields(seed, f =>
        {
            var serious = f["sideEffects"]!["serious"]!.AsArray();
            serious.RemoveAt(1); // "bleeding"
            serious[2] = "reduced blood flow to the heart, including a heart attack";
        });

        var list = Assert.Single(ContentDiff.Compare("drug", Fields(seed), after).Lists);

        Assert.Equal(["unchanged", "removed", "unchanged", "changed"], list.Items.Select(i => i.Kind));
        Assert.Equal("bleeding", list.Items[1].BeforeText);
        var edited = list.Items[3];
        Assert.Equal("reduced blood flow to the heart, including heart attack", edited.BeforeText);
        Assert.Contains(new Contracts.WordChange("added", "a "), edited.Words!);
    }

    [Fact]
    public void Lists_without_a_change_are_not_given_and_a_changed_list_of_objects_reads_as_people_write_it()
    {
        var seed = Load("regorafenib");
        var after = Fields(seed, f => f["references"]!.AsArray().Add(new JsonObject
        {
            ["id"] = "ref-3", ["title"] = "Stivarga 40 mg film-coated tablets: SmPC", ["publisher"] = "EMC",
            ["url"] = "https://www.medicines.org.uk/emc/product/1263/smpc", ["accessed"] = "2026-11-20",
        }));

        var diff = ContentDiff.Compare("drug", Fields(seed), after);

        var list = Assert.Single(diff.Lists);
        Assert.Equal("references", list.Path);
        Assert.Equal(
            "Stivarga 40 mg film-coated tablets: SmPC. EMC. Accessed 20 November 2026. https://www.medicines.org.uk/emc/product/1263/smpc",
            list.Items[^1].AfterText);
        Assert.Equal(list.Items[^1].AfterText, Assert.Single(diff.Changes).AfterText);
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(list.Items[^1].After!).RootElement, after.GetProperty("references")[2]));
    }
}
