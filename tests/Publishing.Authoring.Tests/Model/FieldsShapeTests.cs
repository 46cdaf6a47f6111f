using System.Text.Json;
using System.Text.Json.Nodes;
using Publishing.Authoring.Content.Model;
using Xunit;

namespace Publishing.Authoring.Tests.Model;

// Inside the namespace, so the helpers are found before same-named namespaces such as Publishing.Authoring.Seed.
using static Publishing.Authoring.Tests.Model.SeedFieldsValidation;

/// <summary>
/// One test per rule, each naming the exact error key: JSON of the wrong type, unknown fields or an unknown
/// content type are refused, every problem is reported at once, and Validate never throws.
/// </summary>
public sealed class FieldsShapeTests
{
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
}
