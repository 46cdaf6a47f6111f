using System.Text.Json.Nodes;
using Publishing.Authoring.Content.Diff;
using Publishing.Contracts;
using Xunit;

namespace Publishing.Authoring.Tests.Diff;

// Inside the namespace: from a file-level using, Diff(...) would name the sibling namespace Publishing.Authoring.Tests.Diff.
using static Publishing.Authoring.Tests.Diff.SeedEdits;

/// <summary>
/// The change class of edits to a drug entry's side effects, mechanism, brand names, approvals,
/// indications and references, and how an approval or indication is told apart from its siblings.
/// </summary>
public class DrugChangeClassTests
{
    [Fact]
    public void Adding_a_serious_side_effect_is_one_safety_change_needing_two_approvals()
    {
        var (seed, after) = Edit("regorafenib", f => f["sideEffects"]!["serious"]!.AsArray().Add("bowel perforation"));

        var change = Assert.Single(Diff(seed, after));

        Assert.Equal("sideEffects.serious[bowel perforation]", change.Path);
        Assert.Equal(ContentDiff.Added, change.Kind);
        Assert.Null(change.Before);
        Assert.Equal("\"bowel perforation\"", change.After);
        Assert.Equal(ChangeClasses.Safety, change.ChangeClass);
        var overall = ChangeClassification.Classify([change]);
        Assert.Equal(ChangeClasses.Safety, overall);
        Assert.Equal(2, ChangeClasses.RequiredApprovals(overall));
    }

    [Fact]
    public void Changing_the_mechanism_is_clinical()
    {
        var (seed, after) = Edit("regorafenib", f => f["mechanism"] = "A shorter explanation.");

        var change = Assert.Single(Diff(seed, after));

        Assert.Equal("mechanism", change.Path);
        Assert.Equal(ContentDiff.Changed, change.Kind);
        Assert.Equal(seed["fields"]!["mechanism"]!.GetValue<string>(), Parse(change.Before).GetString());
        Assert.Equal("\"A shorter explanation.\"", change.After);
        Assert.Equal(ChangeClasses.Clinical, change.ChangeClass);
    }

    [Fact]
    public void Changing_a_brand_names_casing_is_editorial()
    {
        var (seed, after) = Edit("regorafenib", f => f["brandNames"]![0] = "STIVARGA");

        var changes = Diff(seed, after);

        // A recased name shares its words with the old one: one name changed, not one removed and one added.
        Assert.Equal([("brandNames[STIVARGA]", "changed", "editorial")], Summary(changes));
        Assert.Equal(ChangeClasses.Editorial, ChangeClassification.Classify(changes));
        Assert.Equal(1, ChangeClasses.RequiredApprovals(ChangeClassification.Classify(changes)));
    }

    [Fact]
    public void Changing_the_SMC_decision_of_pazopanib_is_safety()
    {
        var (seed, after) = Edit("pazopanib", f => Approval(f, "SMC")["decision"] = "recommended");

        var change = Assert.Single(Diff(seed, after));

        Assert.Equal("approvals[SMC 820/12].decision", change.Path);
        Assert.Equal(ContentDiff.Changed, change.Kind);
        Assert.Equal("\"not-recommended\"", change.Before);
        Assert.Equal("\"recommended\"", change.After);
        Assert.Equal(ChangeClasses.Safety, change.ChangeClass);
    }

    [Fact]
    public void An_approval_without_a_reference_is_identified_by_body_and_date()
    {
        // Olaratumab's conditional EU licence has no reference number, only its day.
        var (seed, after) = Edit("olaratumab", f =>
            f["approvals"]!.AsArray().Single(a => (string)a!["decision"]! == "conditional")!["url"] = "https://example.org/lartruvo");

        var change = Assert.Single(Diff(seed, after));

        Assert.Equal("approvals[EMA 2016-11-09].url", change.Path);
        Assert.Equal(ChangeClasses.Safety, change.ChangeClass);
    }

    [Fact]
    public void Approvals_sharing_body_and_reference_are_told_apart_by_date()
    {
        // Sunitinib has two EMA approvals under EU/1/06/347: conditional (2006), then full (2007).
        var (seed, after) = Edit("sunitinib", f =>
        {
            Reverse(f["approvals"]!.AsArray());
            f["approvals"]!.AsArray().Single(a => (string)a!["date"]! == "2007-01-11")!["url"] = "https://example.org/sutent";
        });

        var change = Assert.Single(Diff(seed, after));

        Assert.Equal(("approvals[EMA EU/1/06/347 2007-01-11].url", "changed", "safety"), (change.Path, change.Kind, change.ChangeClass));
    }

    [Fact]
    public void The_same_indication_in_another_jurisdiction_is_an_added_indication()
    {
        var (seed, after) = Edit("regorafenib", f =>
        {
            var uk = f["indications"]![0]!.DeepClone();
            uk["jurisdiction"] = "UK";
            f["indications"]!.AsArray().Insert(0, uk);
        });

        var change = Assert.Single(Diff(seed, after));

        Assert.EndsWith(" / third-line / UK]", change.Path);
        Assert.Equal((ContentDiff.Added, ChangeClasses.Clinical), (change.Kind, change.ChangeClass));
    }

    [Fact]
    public void Adding_an_approval_is_safety()
    {
        var (seed, after) = Edit("regorafenib", f => f["approvals"]!.AsArray().Add(new JsonObject
        {
            ["body"] = "SMC", ["decision"] = "recommended", ["reference"] = "SMC 1031/15", ["date"] = "2015-03-09", ["url"] = null,
        }));

        var change = Assert.Single(Diff(seed, after));

        Assert.Equal(("approvals[SMC 1031/15]", "added", "safety"), (change.Path, change.Kind, change.ChangeClass));
    }

    [Fact]
    public void Removing_an_indication_is_safety()
    {
        var (seed, after) = Edit("imatinib", f => f["indications"]!.AsArray().RemoveAt(2));

        var change = Assert.Single(Diff(seed, after));

        Assert.Equal(ContentDiff.Removed, change.Kind);
        Assert.StartsWith("indications[dermatofibrosarcoma protuberans (DFSP)", change.Path);
        Assert.EndsWith(" / first-line]", change.Path);
        Assert.Null(change.After);
        Assert.Equal(ChangeClasses.Safety, change.ChangeClass);
    }

    [Fact]
    public void Adding_an_indication_is_clinical()
    {
        var (seed, after) = Edit("regorafenib", f => f["indications"]!.AsArray().Add(new JsonObject
        {
            ["condition"] = "GIST", ["lineOfTherapy"] = "fourth-line", ["biomarker"] = null, ["jurisdiction"] = "UK",
        }));

        var change = Assert.Single(Diff(seed, after));

        Assert.Equal(("indications[GIST / fourth-line]", "added", "clinical"), (change.Path, change.Kind, change.ChangeClass));
    }

    [Fact]
    public void Changing_a_field_of_an_existing_indication_is_safety()
    {
        var (seed, after) = Edit("regorafenib", f => f["indications"]![0]!["jurisdiction"] = "UK");

        var change = Assert.Single(Diff(seed, after));

        Assert.StartsWith("indications[gastrointestinal stromal tumour (GIST)", change.Path);
        Assert.EndsWith(" / third-line].jurisdiction", change.Path);
        Assert.Equal((ContentDiff.Changed, "\"EU\"", "\"UK\"", ChangeClasses.Safety), (change.Kind, change.Before, change.After, change.ChangeClass));
    }

    [Fact]
    public void Indications_match_case_insensitively()
    {
        var (seed, after) = Edit("regorafenib", f => f["indications"]![0]!["lineOfTherapy"] = "Third-Line");

        var change = Assert.Single(Diff(seed, after));

        Assert.EndsWith(" / Third-Line].lineOfTherapy", change.Path);
        Assert.Equal((ContentDiff.Changed, ChangeClasses.Safety), (change.Kind, change.ChangeClass));
    }

    [Fact]
    public void Adding_a_reference_is_clinical()
    {
        var (seed, after) = Edit("regorafenib", f => f["references"]!.AsArray().Add(new JsonObject
        {
            ["id"] = "ref-3", ["title"] = "GRID trial", ["publisher"] = "The Lancet", ["url"] = "https://example.org/grid", ["accessed"] = "2026-11-01",
        }));

        var change = Assert.Single(Diff(seed, after));

        Assert.Equal(("references[ref-3]", "added", "clinical"), (change.Path, change.Kind, change.ChangeClass));
    }

    [Fact]
    public void Changing_a_references_url_is_clinical()
    {
        var (seed, after) = Edit("regorafenib", f => f["references"]![1]!["url"] = "https://www.nice.org.uk/guidance/ta488/chapter/1");

        var change = Assert.Single(Diff(seed, after));

        Assert.Equal(("references[ref-2].url", "changed", "clinical"), (change.Path, change.Kind, change.ChangeClass));
    }

    [Fact]
    public void Adding_a_common_side_effect_is_clinical()
    {
        var (seed, after) = Edit("regorafenib", f => f["sideEffects"]!["common"]!.AsArray().Add("hair loss"));

        var change = Assert.Single(Diff(seed, after));

        Assert.Equal(("sideEffects.common[hair loss]", "added", "clinical"), (change.Path, change.Kind, change.ChangeClass));
    }
}
