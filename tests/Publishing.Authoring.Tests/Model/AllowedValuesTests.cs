using Publishing.Authoring.Content.Model;
using Xunit;

namespace Publishing.Authoring.Tests.Model;

// Inside the namespace, so the helpers are found before same-named namespaces such as Publishing.Authoring.Seed.
using static Publishing.Authoring.Tests.Model.SeedFieldsValidation;

/// <summary>
/// One test per rule, each naming the exact error key: approval decisions and bodies from their fixed lists,
/// related drugs as slugs, absolute http(s) URLs, and approval dates written yyyy-mm-dd and not in the future.
/// </summary>
public sealed class AllowedValuesTests
{
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
}
