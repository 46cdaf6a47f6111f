using System.Text.RegularExpressions;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Util;

namespace Publishing.SearchIndexing.LuceneIndex;

/// <summary>
/// Highlights the best fragment of a hit: of the body if it matches, else the title, else the names.
/// Two shortcuts keep this from re-analysing whole bodies, and neither changes a snippet:
/// a field whose indexed terms include none of the query's is skipped (no fragment of it could score);
/// and analysis stops once a fragment holding every query term the field holds is complete (no later
/// fragment can beat it, and an earlier one wins a tie).
/// </summary>
internal sealed partial class Snippets
{
    public const int Chars = 180;
    private const int TermsCountedExactly = 8;
    private static readonly string[] Fields = [SearchSchema.Body, SearchSchema.Title, SearchSchema.Names];

    private readonly Query _query;
    private readonly Analyzer _analyzer;
    private readonly IndexSearcher _searcher;
    private readonly Dictionary<string, (string[] Terms, Highlighter Highlighter, StopWhenComplete Scorer)> _byField = new();
    private readonly Dictionary<(int Leaf, string Field), TermsEnum?> _termsEnums = new();
    private DocsEnum? _docs;

    private Snippets(Query query, Analyzer analyzer, IndexSearcher searcher)
    {
        _query = query;
        _analyzer = analyzer;
        _searcher = searcher;
    }

    /// <summary>
    /// Highlighting marks terms, not positions (<see cref="QueryTermScorer"/>): the words of a phrase are
    /// marked wherever they appear in the chosen fragment, and prefixes and wildcards are expanded to their
    /// 50 most frequent terms. Call after the search: this changes how the query's prefixes rewrite.
    /// </summary>
    public static Snippets For(Query query, Analyzer analyzer, IndexSearcher searcher)
    {
        Expand(query);
        return new Snippets(searcher.Rewrite(query), analyzer, searcher);

        static void Expand(Query q)
        {
            if (q is MultiTermQuery multi) multi.MultiTermRewriteMethod = new MultiTermQuery.TopTermsScoringBooleanQueryRewrite(50);
            else if (q is BooleanQuery boolean) foreach (var clause in boolean.Clauses) Expand(clause.Query);
        }
    }

    public string? Snippet(int docId, Document doc)
    {
        var leaves = _searcher.IndexReader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(docId, leaves)];
        foreach (var field in Fields)
        {
            var (terms, highlighter, scorer) = For(field);
            var held = terms.Length == 0 ? 0 : Held(leaf, docId - leaf.DocBase, field, terms);
            if (held == 0) continue;
            scorer.TermsHeld = held;

            TextFragment? best = null;
            foreach (var text in doc.GetValues(field))
            {
                if (string.IsNullOrEmpty(text)) continue;
                try
                {
                    foreach (var fragment in highlighter.GetBestTextFragments(_analyzer.GetTokenStream(field, text), text, false, 1))
                        if (fragment is not null && fragment.Score > 0 && (best is null || fragment.Score > best.Score)) best = fragment;
                }
                catch (InvalidTokenOffsetsException)
                {
                    // Cannot happen with our analyzers; a plain snippet is the right answer if it does.
                }
            }
            if (best is not null) return Spaces().Replace(best.ToString(), " ").Trim();
        }
        return null;
    }

    /// <summary>The query's terms in a field, as the highlighter's scorer finds them (prohibited ones left out), and the field's highlighter.</summary>
    private (string[] Terms, Highlighter Highlighter, StopWhenComplete Scorer) For(string field)
    {
        if (_byField.TryGetValue(field, out var known)) return known;
        var weighted = QueryTermExtractor.GetTerms(_query, false, field);
        var terms = weighted.Select(t => t.Term).Distinct(StringComparer.Ordinal).ToArray();
        // Only a fragment with every term has the highest possible score when every weight is positive.
        var scorer = new StopWhenComplete(new QueryTermScorer(_query, field), canStop: weighted.All(t => t.Weight > 0));
        var highlighter = new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), new SimpleHTMLEncoder(), scorer)
        {
            TextFragmenter = new SimpleFragmenter(Chars),
        };
        return _byField[field] = (terms, highlighter, scorer);
    }

    /// <summary>
    /// How many of the terms the document's field was indexed with (the same analysis as the highlighter's):
    /// 0 when none. Beyond <see cref="TermsCountedExactly"/> terms (an expanded prefix) it only tells none from
    /// some, answering all of them for some.
    /// </summary>
    private int Held(AtomicReaderContext leaf, int doc, string field, string[] terms)
    {
        if (!_termsEnums.TryGetValue((leaf.Ord, field), out var termsEnum))
            _termsEnums[(leaf.Ord, field)] = termsEnum = leaf.AtomicReader.GetTerms(field)?.GetEnumerator();
        if (termsEnum is null) return 0;
        var held = 0;
        foreach (var term in terms)
        {
            if (!termsEnum.SeekExact(new BytesRef(term))) continue;
            _docs = termsEnum.Docs(null, _docs, DocsFlags.NONE);
            if (_docs.Advance(doc) != doc) continue;
            if (terms.Length > TermsCountedExactly) return terms.Length;
            held++;
        }
        return held;
    }

    /// <summary>The snippet of a hit with no highlighted match (a browse, a match in keywords only): the start of the body, cut at a word, encoded.</summary>
    public static string Plain(string? body)
    {
        var text = Spaces().Replace(body ?? "", " ").Trim();
        if (text.Length > Chars)
        {
            var cut = text.LastIndexOf(' ', Chars);
            text = text[..(cut > Chars / 2 ? cut : Chars)] + "…";
        }
        return SimpleHTMLEncoder.HtmlEncode(text);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    /// <summary>
    /// <see cref="QueryTermScorer"/>, and a token stream that ends once a fragment holding every term is
    /// complete: the highlighter completes a fragment when the first token of the next one arrives.
    /// </summary>
    private sealed class StopWhenComplete(QueryTermScorer scorer, bool canStop) : IScorer
    {
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private ICharTermAttribute? _term;
        private bool _done;

        /// <summary>How many of the query's terms the text being highlighted holds: no fragment can hold more.</summary>
        public int TermsHeld { get; set; }

        public TokenStream Init(TokenStream tokenStream)
        {
            _term = tokenStream.AddAttribute<ICharTermAttribute>();
            scorer.Init(tokenStream);
            _seen.Clear();
            _done = false;
            return new EndWhenDone(tokenStream, this);
        }

        public void StartFragment(TextFragment newFragment)
        {
            if (canStop && _seen.Count >= TermsHeld) _done = true;
            _seen.Clear();
            scorer.StartFragment(newFragment);
        }

        public float GetTokenScore()
        {
            var score = scorer.GetTokenScore();
            if (score > 0) _seen.Add(_term!.ToString()); // only a term of the query scores
            return score;
        }

        public float FragmentScore => scorer.FragmentScore;

        private sealed class EndWhenDone(TokenStream input, StopWhenComplete owner) : TokenFilter(input)
        {
            public override bool IncrementToken() => !owner._done && m_input.IncrementToken();
        }
    }
}
