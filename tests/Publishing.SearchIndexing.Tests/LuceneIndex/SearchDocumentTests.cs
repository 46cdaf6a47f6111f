using Xunit;
using Publishing.SearchIndexing.LuceneIndex;

namespace Publishing.SearchIndexing.Tests.LuceneIndex;

public sealed class SearchDocumentTests
{
    [Fact]
    public void A_drug_yields_names_class_conditions_and_body()
    {
        var drug = SeedCorpus.Load("imatinib");

        Assert.Equal("imatinib", drug.GenericName);
        Assert.Equal(["Glivec"], drug.BrandNames);
        Assert.Equal("tyrosine kinase inhibitor", drug.DrugClass);
        Assert.Equal(3, drug.Conditions.Count);
        Assert.StartsWith("gastrointestinal stromal tumour (GIST) that is inoperable", drug.Conditions[0]);
        Assert.Contains("switches off a small group of enzymes", drug.Body); // mechanism
        Assert.Contains("grapefruit", drug.Body);                             // administration
        Assert.Contains("vomit that contains blood", drug.Body);              // side effects
        Assert.Contains("Scandinavian", drug.Body);                           // evidence notes
        Assert.Contains("first-line", drug.Body);                             // indications
        Assert.DoesNotContain("https://", drug.Body);
        Assert.Equal(["sample"], drug.Tags);
    }

    [Fact]
    public void An_article_yields_conditions_tags_and_plain_section_text()
    {
        var article = SeedCorpus.Load("targeted-therapy-soft-tissue-sarcoma");

        Assert.Null(article.GenericName);
        Assert.Empty(article.BrandNames);
        Assert.Equal(["soft tissue sarcoma", "gastrointestinal stromal tumour (GIST)", "dermatofibrosarcoma protuberans"], article.Conditions);
        Assert.Equal(["sample", "targeted therapy", "sarcoma"], article.Tags);
        Assert.Contains("Targeted therapies act on specific proteins", article.Body);
        Assert.Contains("Sunitinib (Sutent)", article.Body);
        Assert.Contains("Tyrosine kinase inhibitors (TKIs) – tablets", article.Body);
        Assert.DoesNotContain("**", article.Body);
        Assert.DoesNotContain("\n- ", article.Body);
    }

    [Theory]
    [InlineData("{}", "[]")]
    [InlineData("", null)]
    [InlineData("not json", "not json")]
    [InlineData("[1,2]", "{\"a\":1}")]
    [InlineData("""{"brandNames":"Glivec","indications":[{"condition":7},"x"],"sideEffects":null,"sections":{}}""", "[null, 3, \"t\"]")]
    public void Missing_or_odd_fields_give_an_empty_but_valid_document(string fields, string? tags)
    {
        foreach (var type in new[] { "drug", "article", "other" })
        {
            var doc = SearchDocument.From("x", type, "X", 1, fields, tags);
            Assert.Equal(("x", type, "X"), (doc.Slug, doc.Type, doc.Title));
            Assert.Empty(doc.BrandNames);
            Assert.Empty(doc.Conditions);
            Assert.NotNull(doc.Body);
        }
    }
}
