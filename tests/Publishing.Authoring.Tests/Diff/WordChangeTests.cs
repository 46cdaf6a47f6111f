using Publishing.Authoring.Content.Diff;
using Publishing.Contracts;
using Xunit;

namespace Publishing.Authoring.Tests.Diff;

// Inside the namespace: from a file-level using, Diff(...) would name the sibling namespace Publishing.Authoring.Tests.Diff.
using static Publishing.Authoring.Tests.Diff.SeedEdits;

/// <summary>A changed long text carries the words that changed; a short one does not; the pieces give back both texts.</summary>
public class WordChangeTests
{
    [Fact]
    public void One_word_changed_in_a_long_text_is_one_removal_and_one_addition()
    {
        var (seed, after) = Edit("regorafenib", f =>
            f["administration"]!["dose"] = f["administration"]!["dose"]!.GetValue<string>().Replace("often reduced", "sometimes reduced"));

        var change = Assert.Single(Diff(seed, after));

        Assert.Equal(
            ["unchanged", "removed", "added", "unchanged"], change.Words!.Select(w => w.Kind));
        Assert.Equal(("often", "sometimes"), (change.Words![1].Text, change.Words[2].Text));
    }

    [Fact]
    public void A_rewritten_stretch_is_one_removal_and_one_addition_not_words_cut_apart_by_spaces()
    {
        var words = WordDiff.Compute("Take it with food, twice a day.", "Swallow it whole after a light meal, twice a day.");

        Assert.Equal(
        [
            new WordChange("removed", "Take"), new WordChange("added", "Swallow"), new WordChange("unchanged", " it "),
            new WordChange("removed", "with food"), new WordChange("added", "whole after a light meal"),
            new WordChange("unchanged", ", twice a day."),
        ], words);
    }

    [Fact]
    public void The_longer_word_is_kept_when_only_one_of_two_can_be()
    {
        // "weakness" is kept, not "and": the edit reads as ", " for " and ", then an addition.
        var words = WordDiff.Compute("tiredness and weakness", "tiredness, weakness and lack of energy");

        Assert.Equal(
        [
            new WordChange("unchanged", "tiredness"), new WordChange("removed", " and "), new WordChange("added", ", "),
            new WordChange("unchanged", "weakness"), new WordChange("added", " and lack of energy"),
        ], words);
    }

    [Theory]
    [InlineData("regorafenib", "pazopanib", "mechanism")]
    [InlineData("imatinib", "sunitinib", "evidenceNotes")]
    [InlineData("sunitinib", "olaratumab", "mechanism")]
    public void The_pieces_give_back_the_text_before_and_the_text_after(string from, string to, string field)
    {
        var before = Load(from)["fields"]![field]!.GetValue<string>();
        var after = Load(to)["fields"]![field]!.GetValue<string>();

        var words = WordDiff.Compute(before, after)!;

        Assert.Equal(before, string.Concat(words.Where(w => w.Kind != "added").Select(w => w.Text)));
        Assert.Equal(after, string.Concat(words.Where(w => w.Kind != "removed").Select(w => w.Text)));
        Assert.All(words.Zip(words.Skip(1)), pair => Assert.NotEqual(pair.First.Kind, pair.Second.Kind));
    }

    [Fact]
    public void A_short_text_has_no_word_changes()
    {
        var (seed, after) = Edit("regorafenib", f => f["genericName"] = "Regorafenib");

        Assert.Null(Assert.Single(Diff(seed, after)).Words);
    }
}
