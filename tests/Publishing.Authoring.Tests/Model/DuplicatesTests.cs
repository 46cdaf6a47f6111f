using Xunit;

namespace Publishing.Authoring.Tests.Model;

// Inside the namespace, so the helpers are found before same-named namespaces such as Publishing.Authoring.Seed.
using static Publishing.Authoring.Tests.Model.SeedFieldsValidation;

/// <summary>
/// One test per rule, each naming the exact error key: a field, reference id, side effect, brand name or
/// section heading given twice.
/// </summary>
public sealed class DuplicatesTests
{
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
}
