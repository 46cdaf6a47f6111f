using System.Text.Json;
using System.Text.Json.Nodes;
using Publishing.Authoring.Content.Diff;
using Publishing.Contracts;
using Xunit;

namespace Publishing.Authoring.Tests.Diff;

public class ContentDiffTests
{
    private const string Article = "targeted-therapy-soft-tissue-sarcoma";

    public static TheoryData<string> Seeds => new() { "imatinib", "olaratumab", "pazopanib", "regorafenib", "sunitinib", Article };

    // --- the brief's scenarios -------------------------------------------------------------

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

        // String lists match by exact value: a recased name is the old one removed and the new one added.
        Assert.Equal(
            [("brandNames[STIVARGA]", "added", "editorial"), ("brandNames[Stivarga]", "removed", "editorial")],
            Summary(changes));
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

    [Fact]
    public void Adding_a_common_side_effect_is_clinical()
    {
        var (seed, after) = Edit("regorafenib", f => f["sideEffects"]!["common"]!.AsArray().Add("hair loss"));

        var change = Assert.Single(Diff(seed, after));

        Assert.Equal(("sideEffects.common[hair loss]", "added", "clinical"), (change.Path, change.Kind, change.ChangeClass));
    }

    [Fact]
    public void Changing_an_article_section_body_is_clinical()
    {
        var (seed, after) = Edit(Article, f => Section(f, "Pazopanib (Votrient)")["body"] = "Pazopanib is not available in Scotland.");

        var change = Assert.Single(Diff(seed, after));

        Assert.Equal(("sections[Pazopanib (Votrient)].body", "changed", "clinical"), (change.Path, change.Kind, change.ChangeClass));
        Assert.Equal(ChangeClasses.Clinical, ChangeClassification.Classify([change]));
        Assert.Equal(1, ChangeClasses.RequiredApprovals(ChangeClasses.Clinical));
    }

    [Fact]
    public void Renaming_a_section_heading_removes_and_adds_the_section_clinically()
    {
        var (seed, after) = Edit(Article, f => Section(f, "Sunitinib (Sutent)")["heading"] = "Sunitinib");

        var changes = Diff(seed, after);

        Assert.Equal(
            [("sections[Sunitinib (Sutent)]", "removed", "clinical"), ("sections[Sunitinib]", "added", "clinical")],
            Summary(changes));
    }

    [Fact]
    public void Changing_the_article_summary_is_editorial()
    {
        var (seed, after) = Edit(Article, f => f["summary"] = "Shorter summary.");

        var change = Assert.Single(Diff(seed, after));

        Assert.Equal(("summary", "changed", "editorial"), (change.Path, change.Kind, change.ChangeClass));
        Assert.Equal(ChangeClasses.Editorial, ChangeClassification.Classify([change]));
    }

    [Fact]
    public void Changing_related_drugs_is_clinical()
    {
        var (seed, after) = Edit(Article, f =>
        {
            f["relatedDrugs"]!.AsArray().Remove(f["relatedDrugs"]!.AsArray().Single(d => (string)d! == "pazopanib"));
            f["relatedDrugs"]!.AsArray().Add("ripretinib");
        });

        var changes = Diff(seed, after);

        Assert.Equal(
            [("relatedDrugs[pazopanib]", "removed", "clinical"), ("relatedDrugs[ripretinib]", "added", "clinical")],
            Summary(changes));
    }

    [Fact]
    public void Changing_article_tags_is_editorial()
    {
        var (seed, after) = Edit(Article, f => f["tags"]!.AsArray().Add("GIST"));

        var change = Assert.Single(Diff(seed, after));

        Assert.Equal(("tags[GIST]", "added", "editorial"), (change.Path, change.Kind, change.ChangeClass));
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

    // --- helpers ----------------------------------------------------------------------------

    private static JsonObject Load(string slug) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Seed", $"{slug}.json")))!.AsObject();

    private static JsonElement Fields(JsonObject seed, Action<JsonObject>? edit = null)
    {
        var fields = seed["fields"]!.DeepClone().AsObject();
        edit?.Invoke(fields);
        return JsonSerializer.SerializeToElement(fields);
    }

    /// <summary>The seed and its fields after <paramref name="edit"/>.</summary>
    private static (JsonObject Seed, JsonElement After) Edit(string slug, Action<JsonObject> edit)
    {
        var seed = Load(slug);
        return (seed, Fields(seed, edit));
    }

    private static IReadOnlyList<FieldChange> Diff(JsonObject seed, JsonElement after) =>
        ContentDiff.Compute((string)seed["type"]!, Fields(seed), after);

    private static IEnumerable<(string Path, string Kind, string ChangeClass)> Summary(IEnumerable<FieldChange> changes) =>
        changes.Select(c => (c.Path, c.Kind, c.ChangeClass)).OrderBy(c => c.Path, StringComparer.Ordinal);

    private static JsonElement Parse(string? json) => JsonDocument.Parse(json!).RootElement.Clone();

    private static JsonObject Approval(JsonObject fields, string body) =>
        fields["approvals"]!.AsArray().Single(a => (string)a!["body"]! == body)!.AsObject();

    private static JsonObject Section(JsonObject fields, string heading) =>
        fields["sections"]!.AsArray().Single(s => (string)s!["heading"]! == heading)!.AsObject();

    /// <summary>A dotted path with numeric array indices, e.g. <c>sections.1.body</c>.</summary>
    private static JsonNode Navigate(JsonNode node, string path) =>
        path.Split('.').Aggregate(node, (n, part) => int.TryParse(part, out var i) ? n[i]! : n[part]!);

    /// <summary>Sets (or, for a numeric last part, replaces the item at) a dotted path.</summary>
    private static void Set(JsonObject fields, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var parent = parts.Length == 1 ? fields : Navigate(fields, string.Join('.', parts[..^1]));
        if (int.TryParse(parts[^1], out var i)) parent[i] = value;
        else parent[parts[^1]] = value;
    }

    private static void Reverse(JsonArray array)
    {
        var items = array.Select(n => n?.DeepClone()).Reverse().ToList();
        array.Clear();
        foreach (var item in items) array.Add(item);
    }

    private static void ReverseEverything(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray array:
                Reverse(array);
                foreach (var item in array) ReverseEverything(item);
                break;
            case JsonObject obj:
                var properties = obj.Select(p => (p.Key, Value: p.Value?.DeepClone())).Reverse().ToList();
                obj.Clear();
                foreach (var (key, value) in properties) obj[key] = value;
                foreach (var (_, value) in obj) ReverseEverything(value);
                break;
        }
    }

    private static void ReverseEverything(JsonObject fields) => ReverseEverything((JsonNode)fields);

    /// <summary>The value at a diff path (labels resolved by re-identifying the items the same way).</summary>
    private static JsonElement Resolve(JsonElement fields, string path)
    {
        // Enough for the test above: "a.b", "list[label]" and "list[label].prop".
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
