using System.Text.RegularExpressions;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace Publishing.SearchIndexing.LuceneIndex;

/// <summary>The Lucene fields and analysis: how a <see cref="SearchDocument"/> becomes a Lucene document.</summary>
internal static partial class SearchSchema
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>
    /// The layout of the index this code writes and expects, kept in each commit's user data under
    /// <see cref="FormatKey"/>. An index without it (format 1, before the word-pair fields) is rebuilt at start-up.
    /// Raise it whenever a change needs every document re-indexed.
    /// </summary>
    public const string Format = "2";
    public const string FormatKey = "search-index-format";

    // Analyzed, searched by free text.
    public const string Title = "title";
    public const string Names = "names";       // generic + brand names: brand names act as synonyms of the generic
    public const string Keywords = "keywords"; // drug class, conditions, tags
    public const string Body = "body";

    // Word pairs (shingles) of the title and body, so an exact phrase is a term lookup, not position matching.
    public const string TitlePhrases = "title_phrases";
    public const string BodyPhrases = "body_phrases";

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
    public static readonly string[] FacetFields = [FacetType, FacetDrugClass, FacetCondition];

    /// <summary>Query-time field boosts: a name or title match outranks a mention in the body.</summary>
    public static readonly IDictionary<string, float> Boosts = new Dictionary<string, float>
    {
        [Names] = 10f,
        [Title] = 5f,
        [Keywords] = 2f,
        [Body] = 1f,
    };

    /// <summary>The word-pair field of a searched field, or null when it has none.</summary>
    public static string? PhrasesOf(string field) => field switch
    {
        Title => TitlePhrases,
        Body => BodyPhrases,
        _ => null,
    };

    /// <summary>
    /// Word pairs are only looked up, never scored (the phrase is scored from the word field) or shown:
    /// no norms, not stored. Positions stay, for phrases of three words or more.
    /// </summary>
    private static readonly FieldType PairsType = new()
    {
        IsIndexed = true,
        IsTokenized = true,
        IsStored = false,
        OmitNorms = true,
        IndexOptions = IndexOptions.DOCS_AND_FREQS_AND_POSITIONS,
    };

    /// <summary>
    /// English (stemming, stop words) everywhere except names, which are only lower-cased and folded.
    /// The word-pair fields run the English analysis and then pair each word with the next two (<see cref="WordPairFilter"/>).
    /// </summary>
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
        var pairs = new WordPairAnalyzer(new EnglishAnalyzer(Version));
        return new PerFieldAnalyzerWrapper(new EnglishAnalyzer(Version), new Dictionary<string, Analyzer>
        {
            [Names] = names,
            [TitlePhrases] = pairs,
            [BodyPhrases] = pairs,
        });
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
            new Field(TitlePhrases, d.Title, PairsType),
            new Field(BodyPhrases, d.Body, PairsType),
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
