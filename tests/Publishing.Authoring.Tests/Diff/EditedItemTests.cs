using System.Text.Json.Nodes;
using Publishing.Authoring.Content.Diff;
using Publishing.Contracts;
using Xunit;

namespace Publishing.Authoring.Tests.Diff;

// Inside the namespace: from a file-level using, Diff(...) would name the sibling namespace Publishing.Authoring.Tests.Diff.
using static Publishing.Authoring.Tests.Diff.SeedEdits;

/// <summary>
/// An edited list item is one item changed, with before and after; an item that shares too few
/// words with any removed one is added, and the other removed; an approval never pairs with another body's.
/// </summary>
public class EditedItemTests
{
    private const string Perforation = "a tear (perforation) or abnormal opening (fistula) in the bowel";

    [Fact]
    public void An_edited_serious_side_effect_is_one_safety_change_with_before_and_after()
    {
        var edited = Perforation + " or stomach";
        var (seed, after) = Edit("regorafenib", f => Replace(f, "sideEffects.serious", Perforation, edited));

        var change = Assert.Single(Diff(seed, after));

        Assert.Equal(($"sideEffects.serious[{edited}]", "changed", "safety"), (change.Path, change.Kind, change.ChangeClass));
        Assert.Equal((Perforation, edited), (change.BeforeText, change.AfterText));
        Assert.Equal($"\"{Perforation}\"", change.Before);
        Assert.Equal([new WordChange("unchanged", Perforation), new WordChange("added", " or stomach")], change.Words);
    }

    [Fact]
    public void A_new_item_beside_a_similar_existing_one_is_added_and_the_existing_one_stays()
    {
        // The slip of issue 15: "bowel perforation" added although the list already has the perforation item.
        var (seed, after) = Edit("regorafenib", f => f["sideEffects"]!["serious"]!.AsArray().Add("bowel perforation"));

        var change = Assert.Single(Diff(seed, after));

        Assert.Equal(("sideEffects.serious[bowel perforation]", "added"), (change.Path, change.Kind));
    }

    [Fact]
    public void An_item_replaced_by_an_unrelated_one_is_removed_and_the_other_added()
    {
        var (seed, after) = Edit("regorafenib", f => Replace(f, "sideEffects.serious", "bleeding", "blood clots"));

        Assert.Equal(
            [("sideEffects.serious[bleeding]", "removed", "safety"), ("sideEffects.serious[blood clots]", "added", "safety")],
            Summary(Diff(seed, after)));
    }

    [Fact]
    public void Several_edits_in_one_list_pair_each_item_with_the_one_most_like_it()
    {
        var (seed, after) = Edit("regorafenib", f =>
        {
            Replace(f, "sideEffects.common", "tiredness and weakness", "tiredness, weakness and lack of energy");
            Replace(f, "sideEffects.common", "high blood pressure", "high blood pressure (hypertension)");
            f["sideEffects"]!["common"]!.AsArray().Add("hair loss");
        });

        var changes = Diff(seed, after);

        Assert.Equal(
        [
            ("sideEffects.common[hair loss]", "added", "clinical"),
            ("sideEffects.common[high blood pressure (hypertension)]", "changed", "clinical"),
            ("sideEffects.common[tiredness, weakness and lack of energy]", "changed", "clinical"),
        ], Summary(changes));
        Assert.Contains(changes, c => c.BeforeText == "high blood pressure" && c.AfterText == "high blood pressure (hypertension)");
    }

    [Fact]
    public void An_approval_whose_reference_is_retyped_is_changed_inside()
    {
        var (seed, after) = Edit("regorafenib", f => Approval(f, "NICE")["reference"] = "TA 488");

        var change = Assert.Single(Diff(seed, after));

        Assert.Equal(("approvals[NICE TA 488].reference", "changed", "safety"), (change.Path, change.Kind, change.ChangeClass));
        Assert.Equal(("TA488", "TA 488"), (change.BeforeText, change.AfterText));
    }

    [Fact]
    public void An_approval_never_pairs_with_an_approval_of_another_body()
    {
        // The same decision, reference and link from the SMC instead of NICE is a different approval.
        var (seed, after) = Edit("regorafenib", f => Approval(f, "NICE")["body"] = "SMC");

        Assert.Equal(
            [("approvals[NICE TA488]", "removed", "safety"), ("approvals[SMC TA488]", "added", "safety")],
            Summary(Diff(seed, after)));
    }

    [Fact]
    public void A_reworded_indication_is_a_safety_change_inside_it_with_the_words_that_changed()
    {
        var (seed, after) = Edit("regorafenib", f => f["indications"]![0]!["condition"] =
            "gastrointestinal stromal tumour (GIST) that is inoperable or has spread, after the disease has progressed on both imatinib and sunitinib");

        var change = Assert.Single(Diff(seed, after));

        Assert.StartsWith("indications[gastrointestinal stromal tumour (GIST)", change.Path);
        Assert.EndsWith("].condition", change.Path);
        Assert.Equal((ContentDiff.Changed, ChangeClasses.Safety), (change.Kind, change.ChangeClass));
        Assert.Contains(new WordChange("removed", ", or the person could not tolerate,"), change.Words!);
    }

    private static void Replace(JsonObject fields, string list, string old, string replacement)
    {
        var array = (JsonArray)Navigate(fields, list);
        var index = array.Select(n => (string?)n).ToList().IndexOf(old);
        Assert.True(index >= 0, $"{list} has no '{old}'");
        array[index] = replacement;
    }
}
