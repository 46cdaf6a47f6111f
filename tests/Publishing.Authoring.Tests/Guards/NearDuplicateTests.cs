using System.Text.Json;
using Publishing.Authoring.Content.Guards;
using Publishing.Authoring.Content.Text;
using Publishing.Authoring.Tests.Api;
using Xunit;

namespace Publishing.Authoring.Tests.Guards;

/// <summary>What counts as the same list item said again, by normalised words.</summary>
public sealed class NearDuplicateTests
{
    [Theory]
    [InlineData("bowel perforation", "a tear (perforation) or abnormal opening (fistula) in the bowel")]
    [InlineData("Perforated bowel", "bowel perforation")]
    [InlineData("bleeding", "severe bleeding")]
    [InlineData("sore mouth", "mouth sores")]
    [InlineData("Tiredness and weakness", "weakness, tiredness")]
    public void Items_that_say_the_same_thing_in_other_words_are_near(string a, string b) =>
        Assert.True(NearDuplicateGuard.AreNear(NormalisedWords.Of(a), NormalisedWords.Of(b)), $"'{a}' and '{b}' should be near duplicates");

    [Theory]
    [InlineData("bleeding", "bleeding from the gums when brushing teeth")]
    [InlineData("high blood pressure", "reduced blood flow to the heart, including heart attack")]
    [InlineData("diarrhoea", "fever")]
    [InlineData("sore, red or blistered skin on the palms and soles (hand-foot skin reaction)", "rash")]
    public void Items_about_different_things_are_not_near(string a, string b) =>
        Assert.False(NearDuplicateGuard.AreNear(NormalisedWords.Of(a), NormalisedWords.Of(b)), $"'{a}' and '{b}' should not be near duplicates");

    [Theory]
    [InlineData("imatinib")]
    [InlineData("sunitinib")]
    [InlineData("regorafenib")]
    [InlineData("pazopanib")]
    [InlineData("olaratumab")]
    [InlineData("targeted-therapy-soft-tissue-sarcoma")]
    public void The_sample_content_has_no_near_duplicates(string sample)
    {
        var fields = JsonSerializer.SerializeToElement(Samples.Fields(Samples.Load(sample)));
        var type = Samples.Load(sample)["type"]!.GetValue<string>();
        var warnings = new NearDuplicateGuard().Check(new GuardInput(type, fields, null, [], "editorial", [])).ToList();
        Assert.True(warnings.Count == 0, string.Join("\n", warnings.Select(w => w.Message)));
    }

    [Fact]
    public void The_warning_names_both_items_their_places_and_the_words_they_share()
    {
        var fields = JsonSerializer.SerializeToElement(Samples.Fields(Samples.Load("regorafenib")));
        var node = Samples.Fields(Samples.Load("regorafenib"));
        node["sideEffects"]!["serious"]!.AsArray().Add("bowel perforation");
        var edited = JsonSerializer.SerializeToElement(node);

        var warning = Assert.Single(new NearDuplicateGuard().Check(new GuardInput("drug", edited, fields, [], "safety", [])));

        Assert.Equal(["fields.sideEffects.serious[4]", "fields.sideEffects.serious[2]"], warning.Paths);
        Assert.Contains("“bowel perforation”", warning.Message);
        Assert.Contains("a tear (perforation)", warning.Message);
        Assert.Contains("“bowel” and “perforation”", warning.Message);
    }
}
