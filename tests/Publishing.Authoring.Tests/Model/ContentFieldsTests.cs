using System.Text.Json;
using System.Text.Json.Nodes;
using Publishing.Authoring.Content.Model;
using Xunit;

namespace Publishing.Authoring.Tests.Model;

public sealed class ContentFieldsTests
{
    private static readonly string SeedFolder = Path.Combine(AppContext.BaseDirectory, "Seed");

    /// <summary>A day after the newest date in the seed files, so the tests do not depend on the real clock.</summary>
    private static readonly TimeProvider Clock = new FixedClock(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));

    public static TheoryData<string> SeedFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(SeedFolder, "*.json").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Fact]
    public void The_sample_content_is_all_there()
    {
        var names = Directory.GetFiles(SeedFolder, "*.json").Select(Path.GetFileName).ToArray();
        Assert.Contains("imatinib.json", names);
        Assert.Contains("targeted-therapy-soft-tissue-sarcoma.json", names);
        Assert.True(names.Length >= 6, $"Expected the six sample entries, found {names.Length}.");
    }

    [Theory]
    [MemberData(nameof(SeedFiles))]
    public void Every_seed_entry_validates_and_its_normalized_form_round_trips(string file)
    {
        var (type, fields) = Seed(file);

        var first = ContentFields.Validate(type, ToElement(fields), Clock);
        Assert.True(first.IsValid, Describe(first));
        Assert.Null(first.Errors);
        Assert.NotNull(first.Value);

        var second = ContentFields.Validate(type, first.Normalized!.Value, Clock);
        Assert.True(second.IsValid, Describe(second));
        Assert.Equal(first.Normalized!.Value.GetRawText(), second.Normalized!.Value.GetRawText());
    }

    [Theory]
    [MemberData(nameof(SeedFiles))]
    public void Normalizing_keeps_every_value_of_the_seed_entry(string file)
    {
        var (type, fields) = Seed(file);
        var normalized = JsonNode.Parse(Normalize(type, fields).GetRawText())!;
        // The seed files are already trimmed; the only difference normalizing makes is dropping explicit nulls.
        Assert.True(JsonNode.DeepEquals(WithoutNulls(fields), normalized), normalized.ToJsonString());
    }

    [Fact]
    public void The_typed_record_reads_back_from_the_normalized_json()
    {
        var normalized = Normalize("drug", Imatinib());
        var entry = normalized.Deserialize<DrugEntry>(ContentFields.JsonOptions)!;
        Assert.Equal("imatinib", entry.GenericName);
        Assert.Equal(["Glivec"], entry.BrandNames);
        Assert.Equal(new DateOnly(2014, 11, 26), entry.Approvals[2].Date);
        Assert.Equal(ApprovalBodies.Nice, entry.Approvals[2].Body);
        Assert.Null(entry.Indications[2].Biomarker);
    }

    // ---- one test per rule, each naming the exact error key ----

    [Fact]
    public void An_unknown_decision_is_refused_at_its_path()
    {
        var fields = Imatinib();
        fields["approvals"]![0]!["decision"] = "approved-ish";
        var errors = Errors("drug", fields);
        Assert.Equal(["fields.approvals[0].decision"], errors.Keys);
        Assert.Contains("not-recommended", errors["fields.approvals[0].decision"][0]);
    }

    [Fact]
    public void An_unknown_body_is_refused_and_case_must_match()
    {
        var fields = Imatinib();
        fields["approvals"]![1]!["body"] = "nice";
        fields["approvals"]![2]!["body"] = "WHO";
        var errors = Errors("drug", fields);
        Assert.Equal(["fields.approvals[1].body", "fields.approvals[2].body"], errors.Keys.Order());
        Assert.Contains("'NICE'", errors["fields.approvals[1].body"][0]);
    }

    [Fact]
    public void A_missing_generic_name_is_required()
    {
        var fields = Imatinib();
        fields.Remove("genericName");
        Assert.Equal(["fields.genericName"], Errors("drug", fields).Keys);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"   \"")]
    public void A_null_or_blank_generic_name_is_required(string value)
    {
        var fields = Imatinib();
        fields["genericName"] = JsonNode.Parse(value);
        Assert.Equal(["fields.genericName"], Errors("drug", fields).Keys);
    }

    [Fact]
    public void A_wrong_json_type_is_reported_at_its_path()
    {
        var fields = Imatinib();
        fields["brandNames"] = "Glivec";
        var errors = Errors("drug", fields);
        Assert.Equal(["fields.brandNames"], errors.Keys);
        Assert.Contains("list", errors["fields.brandNames"][0]);
    }

    [Fact]
    public void A_wrong_json_type_deep_inside_is_reported_at_its_path()
    {
        var fields = Imatinib();
        fields["indications"]![1]!["lineOfTherapy"] = 2;
        fields["brandNames"] = new JsonArray("Glivec", 400);
        fields["administration"] = "oral";
        Assert.Equal(
            ["fields.administration", "fields.brandNames[1]", "fields.indications[1].lineOfTherapy"],
            Errors("drug", fields).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_unknown_field_is_refused()
    {
        var fields = Imatinib();
        fields["brandname"] = "Glivec";
        fields["administration"]!["frequency"] = "daily";
        var errors = Errors("drug", fields);
        Assert.Equal(["fields.administration.frequency", "fields.brandname"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.StartsWith("Unknown field 'brandname'. Did you mean 'brandNames'?", errors["fields.brandname"][0]);
        Assert.StartsWith("Unknown field 'frequency'", errors["fields.administration.frequency"][0]);
    }

    [Fact]
    public void A_field_given_twice_is_refused()
    {
        var json = Imatinib().ToJsonString().Replace("\"drugClass\":", "\"drugClass\":\"kinase inhibitor\",\"drugClass\":");
        Assert.Equal(["fields.drugClass"], Errors("drug", JsonElementOf(json)).Keys);
    }

    [Fact]
    public void Two_references_with_the_same_id_are_refused()
    {
        var fields = Imatinib();
        fields["references"]![1]!["id"] = "REF-1";
        Assert.Equal(["fields.references[1].id"], Errors("drug", fields).Keys);

        // Found even when the first reference has problems of its own.
        fields["references"]![0]!["url"] = "not a url";
        Assert.Equal(["fields.references[0].url", "fields.references[1].id"], Errors("drug", fields).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_same_side_effect_twice_in_one_list_is_refused()
    {
        var fields = Imatinib();
        fields["sideEffects"]!["serious"]!.AsArray().Add(" Liver problems ");
        // The same wording in the common and the serious list is allowed: they are different lists.
        fields["sideEffects"]!["common"]!.AsArray().Add("heart failure");
        Assert.Equal(["fields.sideEffects.serious[4]"], Errors("drug", fields).Keys);
    }

    [Fact]
    public void The_same_brand_name_twice_is_refused_whatever_the_case()
    {
        var fields = Imatinib();
        fields["brandNames"]!.AsArray().Add("GLIVEC");
        Assert.Equal(["fields.brandNames[1]"], Errors("drug", fields).Keys);
    }

    [Fact]
    public void Two_sections_with_the_same_heading_are_refused()
    {
        var fields = SarcomaArticle();
        fields["sections"]![3]!["heading"] = "Imatinib (Glivec)";
        Assert.Equal(["fields.sections[3].heading"], Errors("article", fields).Keys);
    }

    [Theory]
    [InlineData("Imatinib")]
    [InlineData("imatinib mesylate")]
    [InlineData("-imatinib")]
    [InlineData("imatinib--400")]
    public void A_related_drug_that_is_not_a_slug_is_refused(string slug)
    {
        var fields = SarcomaArticle();
        fields["relatedDrugs"]![2] = slug;
        Assert.Equal(["fields.relatedDrugs[2]"], Errors("article", fields).Keys);
    }

    [Fact]
    public void An_oversized_mechanism_is_refused()
    {
        var fields = Imatinib();
        fields["mechanism"] = string.Concat(Enumerable.Repeat("Imatinib blocks KIT. ", 200)); // 4,200 characters
        var errors = Errors("drug", fields);
        Assert.Equal(["fields.mechanism"], errors.Keys);
        Assert.Contains("4,000", errors["fields.mechanism"][0]);
    }

    [Fact]
    public void Length_limits_count_the_trimmed_text()
    {
        var fields = Imatinib();
        fields["genericName"] = new string('i', ContentFields.MaxShort) + "   ";
        Assert.True(ContentFields.Validate("drug", ToElement(fields), Clock).IsValid);
        fields["genericName"] = new string('i', ContentFields.MaxShort + 1);
        Assert.Equal(["fields.genericName"], Errors("drug", fields).Keys);
    }

    [Theory]
    [InlineData("ftp://www.nice.org.uk/guidance/ta86")]
    [InlineData("javascript:alert(1)")]
    [InlineData("www.nice.org.uk/guidance/ta86")]
    [InlineData("/guidance/ta86")]
    [InlineData("https://www.nice.org.uk/guidance/ta 86")]
    public void A_url_that_is_not_absolute_http_is_refused(string url)
    {
        var fields = Imatinib();
        fields["references"]![1]!["url"] = url;
        Assert.Equal(["fields.references[1].url"], Errors("drug", fields).Keys);
    }

    [Fact]
    public void An_overlong_url_is_refused()
    {
        var fields = Imatinib();
        fields["approvals"]![0]!["url"] = "https://www.ema.europa.eu/" + new string('a', ContentFields.MaxUrl);
        Assert.Equal(["fields.approvals[0].url"], Errors("drug", fields).Keys);
    }

    [Fact]
    public void An_approval_with_neither_reference_nor_url_is_refused()
    {
        var fields = Imatinib();
        fields["approvals"]![1]!["reference"] = null;
        fields["approvals"]![1]!.AsObject().Remove("url");
        var errors = Errors("drug", fields);
        Assert.Equal(["fields.approvals[1].reference"], errors.Keys);
        Assert.Equal(["An approval needs a reference (e.g. TA465) or a URL."], errors["fields.approvals[1].reference"]);
    }

    [Fact]
    public void An_approval_with_only_a_reference_or_only_a_url_is_accepted()
    {
        var fields = Imatinib();
        fields["approvals"]![1]!.AsObject().Remove("url");
        fields["approvals"]![2]!.AsObject().Remove("reference");
        Assert.True(ContentFields.Validate("drug", ToElement(fields), Clock).IsValid);
    }

    [Fact]
    public void An_article_with_no_sections_is_refused()
    {
        var fields = SarcomaArticle();
        fields["sections"] = new JsonArray();
        Assert.Equal(["fields.sections"], Errors("article", fields).Keys);

        fields.Remove("sections");
        Assert.Equal(["fields.sections"], Errors("article", fields).Keys);
    }

    [Fact]
    public void A_section_needs_a_heading_and_a_body()
    {
        var fields = SarcomaArticle();
        fields["sections"]![0]!.AsObject().Remove("heading");
        fields["sections"]![1]!["body"] = "";
        Assert.Equal(["fields.sections[0].heading", "fields.sections[1].body"], Errors("article", fields).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_drug_needs_at_least_one_indication()
    {
        var fields = Imatinib();
        fields["indications"] = new JsonArray();
        Assert.Equal(["fields.indications"], Errors("drug", fields).Keys);
    }

    [Fact]
    public void Administration_needs_all_five_members()
    {
        var fields = Imatinib();
        fields["administration"]!.AsObject().Remove("foodAdvice");
        fields["administration"]!["route"] = null;
        Assert.Equal(["fields.administration.foodAdvice", "fields.administration.route"],
            Errors("drug", fields).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Side_effect_lists_may_be_empty_but_must_be_present()
    {
        var fields = Imatinib();
        fields["sideEffects"]!["common"] = new JsonArray();
        Assert.True(ContentFields.Validate("drug", ToElement(fields), Clock).IsValid);

        fields["sideEffects"]!.AsObject().Remove("serious");
        Assert.Equal(["fields.sideEffects.serious"], Errors("drug", fields).Keys);
    }

    [Fact]
    public void Evidence_notes_may_be_empty_but_not_missing()
    {
        var fields = Imatinib();
        fields["evidenceNotes"] = "";
        Assert.True(ContentFields.Validate("drug", ToElement(fields), Clock).IsValid);

        fields["evidenceNotes"] = null;
        Assert.Equal(["fields.evidenceNotes"], Errors("drug", fields).Keys);
    }

    [Fact]
    public void Approvals_and_references_may_be_empty_but_must_be_present()
    {
        var fields = Imatinib();
        fields["approvals"] = new JsonArray();
        fields["references"] = new JsonArray();
        Assert.True(ContentFields.Validate("drug", ToElement(fields), Clock).IsValid);

        fields.Remove("approvals");
        fields.Remove("references");
        Assert.Equal(["fields.approvals", "fields.references"], Errors("drug", fields).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_approval_dated_in_the_future_is_refused()
    {
        var fields = Imatinib();
        fields["approvals"]![0]!["date"] = "2026-11-30"; // tomorrow: allowed, the editor may be ahead of UTC
        Assert.True(ContentFields.Validate("drug", ToElement(fields), Clock).IsValid);

        fields["approvals"]![0]!["date"] = "2026-12-01";
        Assert.Equal(["fields.approvals[0].date"], Errors("drug", fields).Keys);
    }

    [Theory]
    [InlineData("01/11/2001")]
    [InlineData("2001-11-01T00:00:00Z")]
    [InlineData("2001-13-01")]
    [InlineData("2001-11")]
    public void An_approval_date_not_written_yyyy_mm_dd_is_refused(string date)
    {
        var fields = Imatinib();
        fields["approvals"]![0]!["date"] = date;
        Assert.Equal(["fields.approvals[0].date"], Errors("drug", fields).Keys);
    }

    [Fact]
    public void A_reference_needs_its_accessed_date()
    {
        var fields = Imatinib();
        fields["references"]![0]!.AsObject().Remove("accessed");
        Assert.Equal(["fields.references[0].accessed"], Errors("drug", fields).Keys);
    }

    [Fact]
    public void A_list_of_more_than_200_items_is_refused()
    {
        var fields = Imatinib();
        fields["tags"] = new JsonArray(Enumerable.Range(1, 201).Select(i => (JsonNode?)JsonValue.Create($"tag {i}")).ToArray());
        Assert.Equal(["fields.tags"], Errors("drug", fields).Keys);
    }

    [Fact]
    public void Tags_are_optional_on_a_drug_but_required_on_an_article()
    {
        var drug = Imatinib();
        drug["tags"] = new JsonArray("GIST", "sarcoma");
        Assert.True(ContentFields.Validate("drug", ToElement(drug), Clock).IsValid);

        var article = SarcomaArticle();
        article.Remove("tags");
        Assert.Equal(["fields.tags"], Errors("article", article).Keys);
    }

    [Fact]
    public void Fields_that_are_not_an_object_are_refused()
    {
        Assert.Equal(["fields"], Errors("drug", JsonElementOf("[]")).Keys);
        Assert.Equal(["fields"], Errors("article", JsonElementOf("\"imatinib\"")).Keys);
        Assert.Equal(["fields"], Errors("drug", default(JsonElement)).Keys);
    }

    [Fact]
    public void An_unknown_type_is_refused()
    {
        Assert.Equal(["type"], Errors("leaflet", Imatinib()).Keys);
    }

    [Fact]
    public void Drug_fields_are_not_an_article()
    {
        var errors = Errors("article", Imatinib());
        Assert.Contains("fields.genericName", errors.Keys);
        Assert.Contains("fields.sections", errors.Keys);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var fields = Imatinib();
        fields.Remove("genericName");
        fields["mechanism"] = 42;
        fields["approvals"]![2]!["decision"] = "approved-ish";
        fields["references"]![0]!["url"] = "not a url";
        Assert.Equal(
            ["fields.approvals[2].decision", "fields.genericName", "fields.mechanism", "fields.references[0].url"],
            Errors("drug", fields).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Normalizing_trims_drops_nulls_and_fixes_the_property_order()
    {
        var fields = Imatinib();
        fields["genericName"] = "  imatinib \n";
        var shuffled = new JsonObject(fields.Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));

        var normalized = Normalize("drug", shuffled);

        Assert.Equal(Normalize("drug", Imatinib()).GetRawText(), normalized.GetRawText());
        Assert.Equal("imatinib", normalized.GetProperty("genericName").GetString());
        Assert.Equal("genericName", normalized.EnumerateObject().First().Name);
        Assert.False(normalized.GetProperty("indications")[2].TryGetProperty("biomarker", out _));
        Assert.Contains("38°C", normalized.GetRawText());
    }

    [Fact]
    public void Validate_never_throws_whatever_each_field_holds()
    {
        JsonNode?[] oddValues = [null, 1, true, "text", "", new JsonArray(), new JsonArray(1, null), new JsonObject(), new JsonObject { ["x"] = 1 }];
        foreach (var (type, fields) in new[] { ("drug", Imatinib()), ("article", SarcomaArticle()) })
        {
            foreach (var name in fields.Select(p => p.Key).ToArray())
            {
                foreach (var odd in oddValues)
                {
                    var copy = fields.DeepClone().AsObject();
                    copy[name] = odd?.DeepClone();
                    var result = ContentFields.Validate(type, ToElement(copy), Clock);
                    Assert.True(result.IsValid != (result.Errors is not null), $"{type}.{name} = {odd?.ToJsonString()}");
                    Assert.Equal(result.IsValid, result.Normalized is not null);
                }
            }
        }
    }

    // ---- helpers ----

    private static (string Type, JsonObject Fields) Seed(string file)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(SeedFolder, file)))!.AsObject();
        return ((string)root["type"]!, root["fields"]!.AsObject());
    }

    private static JsonObject Imatinib() => Seed("imatinib.json").Fields;

    private static JsonObject SarcomaArticle() => Seed("targeted-therapy-soft-tissue-sarcoma.json").Fields;

    private static JsonElement ToElement(JsonNode node) => JsonElementOf(node.ToJsonString());

    private static JsonElement JsonElementOf(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }

    private static JsonElement Normalize(string type, JsonObject fields)
    {
        var result = ContentFields.Validate(type, ToElement(fields), Clock);
        Assert.True(result.IsValid, Describe(result));
        return result.Normalized!.Value;
    }

    private static Dictionary<string, string[]> Errors(string type, JsonObject fields) => Errors(type, ToElement(fields));

    private static Dictionary<string, string[]> Errors(string type, JsonElement fields)
    {
        var result = ContentFields.Validate(type, fields, Clock);
        Assert.False(result.IsValid, "Expected errors but the fields validated.");
        Assert.Null(result.Normalized);
        Assert.Null(result.Value);
        Assert.All(result.Errors!, e => Assert.NotEmpty(e.Value));
        return result.Errors!;
    }

    private static JsonNode WithoutNulls(JsonNode node) => node switch
    {
        JsonObject o => new JsonObject(o.Where(p => p.Value is not null)
            .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)WithoutNulls(p.Value!)))),
        JsonArray a => new JsonArray(a.Select(x => (JsonNode?)WithoutNulls(x!)).ToArray()),
        _ => node.DeepClone(),
    };

    private static string Describe(ContentFieldsResult result) =>
        result.Errors is null ? "valid" : string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
