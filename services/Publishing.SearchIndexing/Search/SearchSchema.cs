using System.Text.RegularExpressions;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Documents;
using Lucene.Net.Util;

namespace Publishing.SearchIndexing.Search;

/// <summary>The Lucene fields and analysis: how a <see cref="SearchDocument"/> becomes a Lucene document.</summary>
internal static partial class SearchSchema
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    // Analyzed, searched by free text.
    public const string Title = "title";
    public const string Names = "names";       // generic + brand names: brand names act as synonyms of the generic
    public const string Keywords = "keywords"; // drug class, conditions, tags
    public const string Body = "body";

    // Exact (lower-cased) values for filters, plus doc values for facets and sorting.
    public const string Slug = "slug";
    public const string Type = "type";
    public const string Revision = "revision";
    public const string FilterType = "f_type";
    public const string FilterDrugClass = "f_drugclass";
    public const string FilterCondition = "f_condition";
    public const string FacetType = "dv_type";
    public const string FacetDrugClass = "dv_drugclass";
    public const string FacetCondition = "dv_condition";
    public const string SortTitle = "s_title";
    public const string SortSlug = "s_slug";

    public static readonly string[] SearchedFields = [Names, Title, Keywords, Body];

    /// <summary>Query-time field boosts: a name or title match outranks a mention in the body.</summary>
    public static readonly IDictionary<string, float> Boosts = new Dictionary<string, float>
    {
        [Names] = 10f,
        [Title] = 5f,
        [Keywords] = 2f,
        [Body] = 1f,
    };

    /// <summary>English (stemming, stop words) everywhere except names, which are only lower-cased and folded.</summary>
    public static Analyzer CreateAnalyzer()
    {
        var names = Analyzer.NewAnonymous((_, reader) =>
        {
            var source = new StandardTokenizer(Version, reader);
            TokenStream sink = new LowerCaseFilter(Version, source);
            sink = new ASCIIFoldingFilter(sink);
            // Same stop words as the English fields, or "x of y" under AND would demand "of" in a name.
            sink = new StopFilter(Version, sink, EnglishAnalyzer.DefaultStopSet);
            return new TokenStreamComponents(source, sink);
        });
        return new PerFieldAnalyzerWrapper(new EnglishAnalyzer(Version), new Dictionary<string, Analyzer> { [Names] = names });
    }

    /// <summary>How a filter value is stored and matched: trimmed, single-spaced, lower-case.</summary>
    public static string Normalize(string value) => Spaces().Replace(value.Trim(), " ").ToLowerInvariant();

    public static Document ToLucene(SearchDocument d)
    {
        var doc = new Document
        {
            new StringField(Slug, d.Slug, Field.Store.YES),
            new SortedDocValuesField(SortSlug, new BytesRef(d.Slug)),
            new StringField(Type, d.Type, Field.Store.YES),
            new StringField(FilterType, Normalize(d.Type), Field.Store.NO),
            new SortedSetDocValuesField(FacetType, new BytesRef(d.Type)),
            new StoredField(Revision, d.Revision),
            new TextField(Title, d.Title, Field.Store.YES),
            new SortedDocValuesField(SortTitle, new BytesRef(Normalize(d.Title))),
            new TextField(Body, d.Body, Field.Store.YES),
        };
        if (!string.IsNullOrWhiteSpace(d.GenericName)) doc.Add(new TextField(Names, d.GenericName, Field.Store.YES));
        foreach (var brand in d.BrandNames) doc.Add(new TextField(Names, brand, Field.Store.YES));
        if (!string.IsNullOrWhiteSpace(d.DrugClass))
        {
            doc.Add(new TextField(Keywords, d.DrugClass, Field.Store.NO));
            doc.Add(new StringField(FilterDrugClass, Normalize(d.DrugClass), Field.Store.NO));
            doc.Add(new SortedSetDocValuesField(FacetDrugClass, new BytesRef(d.DrugClass.Trim())));
        }
        foreach (var condition in d.Conditions)
        {
            doc.Add(new TextField(Keywords, condition, Field.Store.NO));
            doc.Add(new StringField(FilterCondition, Normalize(condition), Field.Store.NO));
            doc.Add(new SortedSetDocValuesField(FacetCondition, new BytesRef(condition.Trim())));
        }
        foreach (var tag in d.Tags) doc.Add(new TextField(Keywords, tag, Field.Store.NO));
        return doc;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
