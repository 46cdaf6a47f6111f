using System.Text.Json;
using System.Text.Json.Nodes;
using Publishing.Authoring.Content.Diff;
using Publishing.Contracts;
using Xunit;

namespace Publishing.Authoring.Tests.Diff;

// Inside the namespace: from a file-level using, Diff(...) would name the sibling namespace Publishing.Authoring.Tests.Diff.
using static Publishing.Authoring.Tests.Diff.SeedEdits;

/// <summary>
/// What a diff holds whatever the content: reordering is not a change, identical documents have none,
/// with nothing published every field is added, before/after texts are the values' JSON, absent equals null,
/// titles, repeated list items, and an unknown type refused.
/// </summary>
public class DiffShapeTests
{
    public static TheoryData<string> Seeds => new() { "imatinib", "olaratumab", "pazopanib", "regorafenib", "sunitinib", Article };

    [Theory]
    [InlineData("regorafenib", "references")]
    [InlineData("regorafenib", "sideEffects.common")]
    [InlineData("regorafenib", "approvals")]
    [InlineData("imatinib", "indications")]
    [InlineData("imatinib", "approvals")]
    [InlineData("pazopanib", "approvals")]
    [InlineData(Article, "sections")]
    [InlineData(Article, "relatedDrugs")]
    public void Reordering_a_list_is_not_a_change(string slug, string list)
    {
        var (seed, after) = Edit(slug, f =>
        {
            var array = (JsonArray)Navigate(f, list);
            Assert.True(array.Count > 1, $"{slug} {list} needs two items to be reordered");
            Reverse(array);
        });

        Assert.Empty(Diff(seed, after));
    }

    [Fact]
    public void Reordering_regorafenib_indications_is_not_a_change()
    {
        // Regorafenib has one indication: give both sides a second one, in opposite orders.
        var second = new JsonObject { ["condition"] = "colorectal cancer that has spread", ["lineOfTherapy"] = "later-line" };
        var before = Fields(Load("regorafenib"), f => f["indications"]!.AsArray().Add(second.DeepClone()));
        var after = Fields(Load("regorafenib"), f => f["indications"]!.AsArray().Insert(0, second.DeepClone()));

        Assert.Empty(ContentDiff.Compute("drug", before, after));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Reversing_every_list_and_every_object_of_an_entry_is_not_a_change(string slug)
    {
        var (seed, after) = Edit(slug, ReverseEverything);

        Assert.Empty(Diff(seed, after));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void With_nothing_published_every_top_level_field_is_added(string slug)
    {
        var seed = Load(slug);
        var fields = JsonSerializer.SerializeToElement(seed["fields"]);

        var changes = ContentDiff.Compute((string)seed["type"]!, null, fields);

        Assert.Equal(fields.EnumerateObject().Select(p => p.Name), changes.Select(c => c.Path));
        Assert.All(changes, c =>
        {
            Assert.Equal(ContentDiff.Added, c.Kind);
            Assert.Null(c.Before);
            Assert.True(JsonElement.DeepEquals(fields.GetProperty(c.Path), Parse(c.After)));
        });
        // Every drug carries approvals, administration and serious side effects; an article has section bodies.
        Assert.Equal((string)seed["type"]! == "drug" ? ChangeClasses.Safety : ChangeClasses.Clinical, ChangeClassification.Classify(changes));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Identical_documents_have_no_changes(string slug)
    {
        var seed = Load(slug);

        Assert.Empty(ContentDiff.Compute((string)seed["type"]!, Fields(seed), Fields(Load(slug)), ((string)seed["title"]!, (string)seed["title"]!)));
        Assert.Equal(ChangeClasses.Editorial, ChangeClassification.Classify([]));
    }

    [Fact]
    public void Before_and_after_texts_are_the_JSON_of_the_values()
    {
        var seed = Load("pazopanib");
        var (_, after) = Edit("pazopanib", f =>
        {
            var approvals = f["approvals"]!.AsArray();
            approvals.Remove(Approval(f, "NICE"));                         // removed object (with nulls)
            Approval(f, "SMC")["date"] = null;                             // value -> null
            f["administration"]!["dose"] = "400 mg \"twice\" a day, 38°C"; // quotes and non-ASCII
            f["sideEffects"]!["serious"]!.AsArray().Add("héémorrhage");   // added string
            f["evidenceNotes"] = new JsonObject { ["text"] = "now an object" }; // kind change
        });
        var before = Fields(seed);

        var changes = ContentDiff.Compute("drug", before, after);

        Assert.Equal(5, changes.Count);
        foreach (var c in changes)
        {
            Assert.True(c.Before is not null || c.Kind == ContentDiff.Added, c.Path);
            Assert.True(c.After is not null || c.Kind == ContentDiff.Removed, c.Path);
            if (c.Before is not null) Assert.True(JsonElement.DeepEquals(Parse(c.Before), Resolve(before, c.Path)), c.Path);
            if (c.After is not null) Assert.True(JsonElement.DeepEquals(Parse(c.After), Resolve(after, c.Path)), c.Path);
        }
        Assert.Contains(changes, c => c.Path == "approvals[NICE]" && c.Kind == ContentDiff.Removed);
        Assert.Contains(changes, c => c.Path == "approvals[SMC 820/12].date" && c.Kind == ContentDiff.Removed && c.Before == "\"2012-12-10\"");
        Assert.Contains(changes, c => c.Path == "evidenceNotes" && c.Kind == ContentDiff.Changed && c.ChangeClass == ChangeClasses.Clinical);
    }

    [Fact]
    public void Absent_and_null_are_the_same()
    {
        var (seed, after) = Edit("regorafenib", f => f["indications"]![0]!.AsObject().Remove("biomarker"));

        Assert.Empty(Diff(seed, after));
    }

    [Fact]
    public void A_changed_item_title_is_an_editorial_change_at_path_title()
    {
        var seed = Load("regorafenib");
        var fields = Fields(seed);

        var changed = Assert.Single(ContentDiff.Compute("drug", fields, fields, ("Regorafenib (Stivarga)", "Regorafenib (STIVARGA)")));
        var first = ContentDiff.Compute("drug", null, fields, (null, "Regorafenib (Stivarga)"));

        Assert.Equal(("title", "changed", "\"Regorafenib (Stivarga)\"", "\"Regorafenib (STIVARGA)\"", "editorial"),
            (changed.Path, changed.Kind, changed.Before, changed.After, changed.ChangeClass));
        Assert.Equal(("title", "added", null), (first[0].Path, first[0].Kind, first[0].Before));
    }

    [Fact]
    public void An_article_title_changed_in_the_item_and_the_fields_is_reported_once()
    {
        var (seed, after) = Edit(Article, f => f["title"] = "Targeted drugs");
        var oldTitle = (string)seed["title"]!;

        var change = Assert.Single(ContentDiff.Compute("article", Fields(seed), after, (oldTitle, "Targeted drugs")));

        Assert.Equal(("title", "changed", "editorial"), (change.Path, change.Kind, change.ChangeClass));
    }

    [Fact]
    public void A_repeated_list_item_is_told_apart_by_its_occurrence()
    {
        var (seed, after) = Edit("regorafenib", f => f["brandNames"]!.AsArray().Add("Stivarga"));

        var change = Assert.Single(Diff(seed, after));

        Assert.Equal(("brandNames[Stivarga (2)]", "added"), (change.Path, change.Kind));
    }

    [Fact]
    public void An_unknown_type_is_refused()
    {
        var fields = Fields(Load("regorafenib"));

        Assert.Throws<ArgumentException>(() => ContentDiff.Compute("podcast", null, fields));
    }

    /// <summary>The value at a diff path (labels resolved by re-identifying the items the same way).</summary>
    private static JsonElement Resolve(JsonElement fields, string path)
    {
        // Enough for Before_and_after_texts_are_the_JSON_of_the_values: "a.b", "list[label]" and "list[label].prop".
        var current = fields;
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[');
            if (bracket < 0) { current = current.TryGetProperty(part, out var v) ? v : default; continue; }
            var label = part[(bracket + 1)..^1];
            var list = current.GetProperty(part[..bracket]);
            current = list.EnumerateArray().FirstOrDefault(item =>
                item.ValueKind == JsonValueKind.String ? item.GetString() == label
                : item.TryGetProperty("reference", out var r) && r.ValueKind == JsonValueKind.String ? label.EndsWith(r.GetString()!)
                : item.TryGetProperty("body", out var b) && b.GetString() == label);
        }
        return current;
    }
}
