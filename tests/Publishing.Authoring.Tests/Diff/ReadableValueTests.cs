using System.Text.Json.Nodes;
using Publishing.Authoring.Content.Diff;
using Xunit;

namespace Publishing.Authoring.Tests.Diff;

// Inside the namespace: from a file-level using, Diff(...) would name the sibling namespace Publishing.Authoring.Tests.Diff.
using static Publishing.Authoring.Tests.Diff.SeedEdits;

/// <summary>Every change carries its values as people write them, beside the JSON.</summary>
public class ReadableValueTests
{
    [Fact]
    public void Tags_read_as_a_list_of_words()
    {
        var (seed, after) = Edit("regorafenib", f => f["tags"] = new JsonArray("gist", "dfsp"));

        var change = Assert.Single(Diff(seed, after));

        Assert.Equal(("[\"gist\",\"dfsp\"]", "gist, dfsp"), (change.After, change.AfterText));
    }

    [Fact]
    public void An_approval_reads_as_body_reference_decision_and_date()
    {
        var (seed, after) = Edit("pazopanib", f => f["approvals"]!.AsArray().Add(new JsonObject
        {
            ["body"] = "NICE", ["decision"] = "not-recommended", ["reference"] = "TA185", ["date"] = "2010-08-25",
            ["url"] = "https://www.nice.org.uk/guidance/ta185",
        }));

        var change = Assert.Single(Diff(seed, after));

        Assert.Equal("NICE TA185: not recommended, 25 August 2010. https://www.nice.org.uk/guidance/ta185", change.AfterText);
    }

    [Fact]
    public void A_changed_decision_and_a_changed_date_read_as_words_and_dates()
    {
        var (seed, after) = Edit("pazopanib", f =>
        {
            Approval(f, "SMC")["decision"] = "recommended";
            Approval(f, "SMC")["date"] = "2013-03-11";
        });

        var changes = Diff(seed, after);

        Assert.Contains(changes, c => c.Path.EndsWith(".decision") && (c.BeforeText, c.AfterText) == ("not recommended", "recommended"));
        Assert.Contains(changes, c => c.Path.EndsWith(".date") && (c.BeforeText, c.AfterText) == ("10 December 2012", "11 March 2013"));
    }

    [Fact]
    public void A_whole_object_reads_one_labelled_line_a_field()
    {
        var seed = Load("regorafenib");
        var fields = Fields(seed);

        var administration = Assert.Single(ContentDiff.Compute("drug", null, fields), c => c.Path == "administration");

        Assert.StartsWith("Route: oral\nForm: tablet\nDose: 160 mg", administration.AfterText);
        Assert.Contains("\nFood advice: Swallow the tablets whole", administration.AfterText);
    }

    [Fact]
    public void A_list_of_texts_added_whole_reads_one_item_a_line()
    {
        var fields = Fields(Load("regorafenib"));

        var sideEffects = Assert.Single(ContentDiff.Compute("drug", null, fields), c => c.Path == "sideEffects");

        Assert.StartsWith("Common:\n  • sore, red or blistered skin", sideEffects.AfterText);
        Assert.Contains("\n  • tiredness and weakness\n", sideEffects.AfterText);
    }
}
