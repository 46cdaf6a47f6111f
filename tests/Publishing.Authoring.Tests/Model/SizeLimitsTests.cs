using System.Text.Json.Nodes;
using Publishing.Authoring.Content.Model;
using Xunit;

namespace Publishing.Authoring.Tests.Model;

// Inside the namespace, so the helpers are found before same-named namespaces such as Publishing.Authoring.Seed.
using static Publishing.Authoring.Tests.Model.SeedFieldsValidation;

/// <summary>
/// One test per rule, each naming the exact error key: texts, URLs and lists past their limits.
/// </summary>
public sealed class SizeLimitsTests
{
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

    [Fact]
    public void An_overlong_url_is_refused()
    {
        var fields = Imatinib();
        fields["approvals"]![0]!["url"] = "https://www.ema.europa.eu/" + new string('a', ContentFields.MaxUrl);
        Assert.Equal(["fields.approvals[0].url"], Errors("drug", fields).Keys);
    }

    [Fact]
    public void A_list_of_more_than_200_items_is_refused()
    {
        var fields = Imatinib();
        fields["tags"] = new JsonArray(Enumerable.Range(1, 201).Select(i => (JsonNode?)JsonValue.Create($"tag {i}")).ToArray());
        Assert.Equal(["fields.tags"], Errors("drug", fields).Keys);
    }
}
