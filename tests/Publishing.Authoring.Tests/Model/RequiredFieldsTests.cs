using System.Text.Json.Nodes;
using Publishing.Authoring.Content.Model;
using Xunit;

namespace Publishing.Authoring.Tests.Model;

// Inside the namespace, so the helpers are found before same-named namespaces such as Publishing.Authoring.Seed.
using static Publishing.Authoring.Tests.Model.SeedFieldsValidation;

/// <summary>
/// One test per rule, each naming the exact error key: which members must be present or non-empty, and
/// which may be empty (but present) or left out.
/// </summary>
public sealed class RequiredFieldsTests
{
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
    public void A_reference_needs_its_accessed_date()
    {
        var fields = Imatinib();
        fields["references"]![0]!.AsObject().Remove("accessed");
        Assert.Equal(["fields.references[0].accessed"], Errors("drug", fields).Keys);
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
}
