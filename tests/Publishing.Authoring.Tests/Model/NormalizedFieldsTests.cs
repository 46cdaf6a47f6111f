using System.Text.Json;
using System.Text.Json.Nodes;
using Publishing.Authoring.Content.Model;
using Xunit;

namespace Publishing.Authoring.Tests.Model;

// Inside the namespace, so the helpers are found before same-named namespaces such as Publishing.Authoring.Seed.
using static Publishing.Authoring.Tests.Model.SeedFieldsValidation;

/// <summary>
/// Every sample entry validates; the normalized form round-trips, keeps every value, reads back as
/// the typed record, and is trimmed, without nulls and in a fixed property order.
/// </summary>
public sealed class NormalizedFieldsTests
{
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

    private static JsonNode WithoutNulls(JsonNode node) => node switch
    {
        JsonObject o => new JsonObject(o.Where(p => p.Value is not null)
            .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)WithoutNulls(p.Value!)))),
        JsonArray a => new JsonArray(a.Select(x => (JsonNode?)WithoutNulls(x!)).ToArray()),
        _ => node.DeepClone(),
    };
}
