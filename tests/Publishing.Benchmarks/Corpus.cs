using System.Text;
using System.Text.Json;
using Publishing.SearchIndexing.LuceneIndex;

namespace Publishing.Benchmarks;

// Also compiled into tests/Publishing.SearchIndexing.Bench (linked), so both benchmarks search the same corpus.
/// <summary>Realistic-looking drugs and articles: sentences, conditions and classes from the seeds plus generated names.</summary>
internal sealed class Corpus
{
    private static readonly string[] Stems = ["ima", "suni", "rego", "pazo", "ola", "lenva", "cabo", "axi", "nilo", "dasa", "bosu", "ripre", "avapri", "trabe", "eribu", "tazem", "larotrec", "entrec", "selper", "crizo"];
    private static readonly string[] Middles = ["", "ti", "ra", "lo", "ve", "zo", "mu", "ca", "pe", "di"];
    private static readonly (string Class, string Suffix)[] Classes =
    [
        ("tyrosine kinase inhibitor", "tinib"), ("multi-kinase inhibitor", "fenib"), ("monoclonal antibody", "mab"),
        ("PARP inhibitor", "parib"), ("CDK4/6 inhibitor", "ciclib"), ("mTOR inhibitor", "limus"), ("alkylating agent", "mide"),
        ("anthracycline", "rubicin"), ("EZH2 inhibitor", "stat"), ("NTRK inhibitor", "trectinib"), ("PI3K inhibitor", "lisib"), ("microtubule inhibitor", "bulin"),
    ];
    private static readonly string[] BrandParts = ["Vel", "Tar", "Onc", "Zy", "Lu", "Kel", "Sar", "Mir", "Ter", "Ax", "Qu", "Nov", "Plex", "Vor", "Cy", "Ly"];
    private static readonly string[] BrandEnds = ["vex", "tra", "zon", "ric", "lyn", "via", "tix", "dra", "mel", "nex", "ora", "qua"];
    private static readonly string[] Sites = ["uterine", "retroperitoneal", "limb", "chest wall", "head and neck", "abdominal", "bone", "gastric", "small bowel", "pelvic", "skin", "breast"];
    private static readonly string[] Tumours = ["leiomyosarcoma", "liposarcoma", "synovial sarcoma", "angiosarcoma", "rhabdomyosarcoma", "Ewing sarcoma", "osteosarcoma", "desmoid tumour", "GIST", "myxofibrosarcoma", "chondrosarcoma", "epithelioid sarcoma"];
    private static readonly string[] ArticleTitles = ["Living with {0}", "Side effects of treatment for {0}", "Understanding {0}", "Tests and scans for {0}", "Targeted drugs for {0}", "Clinical trials in {0}", "Follow-up after {0} treatment", "Questions to ask about {0}"];
    private static readonly string[] Stemmable = ["vomiting", "vomit", "swelling", "swollen", "tiredness", "tired", "bleeding", "bleeds", "infections", "infection", "rashes", "cramping"];
    private static readonly string[] Phrases = ["\"blood pressure\"", "\"side effects\"", "\"soft tissue sarcoma\"", "\"once a day\"", "\"liver problems\"", "\"clinical trial\""];

    private readonly Random _random;
    private readonly string[] _sentences;
    private readonly string[] _conditions;
    private readonly string[] _tags = ["sarcoma", "targeted therapy", "chemotherapy", "side effects", "treatment", "support", "clinical trials", "GIST", "rare cancer", "diagnosis"];

    public List<(string Slug, string Generic, string Brand, string Class, string[] Conditions)> Drugs { get; } = [];

    private Corpus(Random random, string[] sentences, string[] conditions)
    {
        _random = random;
        _sentences = sentences;
        _conditions = conditions;
    }

    public static Corpus Load(string seedFolder, Random random)
    {
        var sentences = new List<string>();
        var conditions = new List<string>();
        foreach (var file in Directory.GetFiles(seedFolder, "*.json"))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            var r = json.RootElement;
            var doc = SearchDocument.From(r.GetProperty("slug").GetString()!, r.GetProperty("type").GetString()!, r.GetProperty("title").GetString()!, 1,
                r.GetProperty("fields").GetRawText(), "[]");
            sentences.AddRange(doc.Body.Split(['.', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(s => s.Length > 20).Select(s => s + "."));
            conditions.AddRange(doc.Conditions);
        }
        foreach (var site in Sites)
            foreach (var tumour in Tumours)
                conditions.Add($"advanced {site} {tumour}");
        return new Corpus(random, sentences.Distinct().ToArray(), conditions.Distinct().ToArray());
    }

    public SearchDocument Next(int i) => _random.NextDouble() < 0.85 ? NextDrug(i) : NextArticle(i);

    private SearchDocument NextDrug(int i)
    {
        var (cls, suffix) = Pick(Classes);
        var generic = $"{Pick(Stems)}{Pick(Middles)}{suffix}{(i >= 2000 ? ToLetters(i) : "")}";
        var brand = $"{Pick(BrandParts)}{Pick(BrandEnds)}{ToLetters(i + 7)}";
        var slug = $"{generic}-{i}";
        var conditions = Enumerable.Range(0, _random.Next(1, 4)).Select(_ => Pick(_conditions)).Distinct().ToArray();
        Drugs.Add((slug, generic, brand, cls, conditions));
        var body = new StringBuilder($"{Capitalise(generic)} is a {cls}. ");
        for (var s = _random.Next(10, 25); s > 0; s--) body.Append(Pick(_sentences)).Append(' ');
        body.Append("It is used for ").Append(string.Join("; ", conditions)).Append('.');
        return new SearchDocument
        {
            Slug = slug, Type = SearchDocument.Drug, Title = $"{Capitalise(generic)} ({brand})", Revision = 1,
            GenericName = generic, BrandNames = [brand], DrugClass = cls, Conditions = conditions,
            Tags = Enumerable.Range(0, 2).Select(_ => Pick(_tags)).Distinct().ToArray(), Body = body.ToString(),
        };
    }

    private SearchDocument NextArticle(int i)
    {
        var conditions = Enumerable.Range(0, _random.Next(1, 4)).Select(_ => Pick(_conditions)).Distinct().ToArray();
        var body = new StringBuilder();
        for (var s = _random.Next(30, 70); s > 0; s--)
        {
            body.Append(Pick(_sentences)).Append(' ');
            if (Drugs.Count > 0 && _random.NextDouble() < 0.1)
            {
                var drug = Drugs[_random.Next(Drugs.Count)];
                body.Append($"{Capitalise(drug.Generic)} ({drug.Brand}) may be offered. ");
            }
        }
        return new SearchDocument
        {
            Slug = $"article-{i}", Type = SearchDocument.Article, Title = string.Format(Pick(ArticleTitles), conditions[0]), Revision = 1,
            Conditions = conditions, Tags = Enumerable.Range(0, 3).Select(_ => Pick(_tags)).Distinct().ToArray(), Body = body.ToString(),
        };
    }

    /// <summary>A mixed query, its kind, and for brand-name queries the slug that should come first.</summary>
    public (SearchQuery Query, string Kind, string? ExpectedFirst) Query()
    {
        var drug = Drugs[_random.Next(Drugs.Count)];
        return _random.Next(10) switch
        {
            0 or 1 => (new SearchQuery(drug.Brand), "brand", drug.Slug),
            2 => (new SearchQuery(drug.Generic), "generic", null),
            3 => (new SearchQuery(Pick(Stemmable)), "stem", null),
            4 => (new SearchQuery(Pick(Phrases)), "phrase", null),
            5 => (new SearchQuery(Pick(Stemmable), Type: _random.Next(2) == 0 ? "drug" : "article", DrugClass: null, Condition: Pick(_conditions)), "filtered", null),
            6 => (new SearchQuery(null, Type: "drug", DrugClass: drug.Class, Page: _random.Next(1, 5)), "browse", null),
            7 => (new SearchQuery($"{drug.Generic[..Math.Min(5, drug.Generic.Length)]}*"), "prefix", null),
            8 => (new SearchQuery($"{Pick(Stemmable)} {Pick(["liver", "heart", "skin", "blood", "tablets"])}", DrugClass: drug.Class), "multi-term", null),
            _ => (new SearchQuery($"{Pick(Stemmable)} OR {Pick(Stemmable)}", Page: 2), "or-page-2", null),
        };
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private static string Capitalise(string s) => char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>A number as letters, so generated names stay single words: 0 → a, 26 → ba.</summary>
    private static string ToLetters(int n)
    {
        var sb = new StringBuilder();
        do { sb.Insert(0, (char)('a' + n % 26)); n /= 26; } while (n > 0);
        return sb.ToString();
    }
}
