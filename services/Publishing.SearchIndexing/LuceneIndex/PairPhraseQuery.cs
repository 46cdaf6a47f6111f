using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace Publishing.SearchIndexing.LuceneIndex;

/// <summary>
/// An exact phrase answered from the word-pair field (<see cref="SearchSchema.PhrasesOf"/>, <see cref="WordPairFilter"/>)
/// instead of the positions of every word: "side effects" becomes the single term "side effect", "once a day"
/// the term "onc _ dai", a longer phrase a phrase of overlapping pairs. Matches and phrase frequencies are the
/// same as the word phrase's, and the score is computed from the word field's statistics and norms exactly as
/// <see cref="PhraseQuery"/> does, so results, totals and order do not change; only the position matching over
/// most of the corpus goes.
/// </summary>
internal sealed class PairPhraseQuery : Query
{
    private readonly PhraseQuery _phrase;
    private readonly Query _pairs;

    private PairPhraseQuery(PhraseQuery phrase, Query pairs)
    {
        _phrase = phrase;
        _pairs = pairs;
        Boost = phrase.Boost;
    }

    /// <summary>
    /// Replaces, inside <paramref name="query"/>, each exact phrase over a field with word pairs. A phrase
    /// with words more than two positions apart (two stop words between) stays positional.
    /// </summary>
    public static Query Rewrite(Query query)
    {
        switch (query)
        {
            case PhraseQuery phrase when ToPairs(phrase) is { } pairs:
                return new PairPhraseQuery(phrase, pairs);
            case BooleanQuery boolean:
                foreach (var clause in boolean.Clauses) clause.Query = Rewrite(clause.Query);
                return boolean;
            default:
                return query;
        }
    }

    private static Query? ToPairs(PhraseQuery phrase)
    {
        var terms = phrase.GetTerms();
        var positions = phrase.GetPositions();
        if (phrase.Slop != 0 || terms.Length < 2) return null;
        var pairField = SearchSchema.PhrasesOf(terms[0].Field);
        if (pairField is null) return null;
        var pairs = new Term[terms.Length - 1];
        for (var i = 0; i + 1 < terms.Length; i++)
        {
            var separator = (positions[i + 1] - positions[i]) switch
            {
                1 => WordPairFilter.Separator,
                2 => WordPairFilter.GapSeparator,
                _ => null,
            };
            if (separator is null) return null;
            pairs[i] = new Term(pairField, terms[i].Text + separator + terms[i + 1].Text);
        }

        if (pairs.Length == 1) return new TermQuery(pairs[0]);
        // Each pair sits at the position of its first word, so the pairs keep the words' relative positions.
        var pairPhrase = new PhraseQuery();
        for (var i = 0; i < pairs.Length; i++) pairPhrase.Add(pairs[i], positions[i] - positions[0]);
        return pairPhrase;
    }

    public override Weight CreateWeight(IndexSearcher searcher) => new PairWeight(this, searcher);

    /// <summary>The words, not the pairs: highlighting marks the words of the phrase.</summary>
    public override void ExtractTerms(ISet<Term> terms) => _phrase.ExtractTerms(terms);

    public override string ToString(string field) => $"pairs({_phrase.ToString(field)})";

    public override bool Equals(object? obj) =>
        obj is PairPhraseQuery other && Boost == other.Boost && _phrase.Equals(other._phrase);

    public override int GetHashCode() => HashCode.Combine(_phrase, Boost);

    private sealed class PairWeight : Weight
    {
        private readonly PairPhraseQuery _query;
        private readonly Similarity _similarity;
        private readonly Similarity.SimWeight _stats;
        private readonly Weight _pairs;

        public PairWeight(PairPhraseQuery query, IndexSearcher searcher)
        {
            _query = query;
            _similarity = searcher.Similarity;
            // The statistics PhraseQuery's own weight uses: the word field and each word of the phrase.
            var context = searcher.TopReaderContext;
            var words = query._phrase.GetTerms();
            var termStats = words.Select(t => searcher.TermStatistics(t, TermContext.Build(context, t))).ToArray();
            _stats = _similarity.ComputeWeight(query.Boost, searcher.CollectionStatistics(words[0].Field), termStats);
            // Only used to find the documents and count the phrase in each; its score is ignored.
            _pairs = searcher.CreateNormalizedWeight(query._pairs);
        }

        public override Query Query => _query;

        public override float GetValueForNormalization() => _stats.GetValueForNormalization();

        public override void Normalize(float norm, float topLevelBoost) => _stats.Normalize(norm, topLevelBoost);

        public override Scorer? GetScorer(AtomicReaderContext context, IBits acceptDocs)
        {
            var pairs = _pairs.GetScorer(context, acceptDocs);
            return pairs is null ? null : new PairScorer(this, pairs, _similarity.GetSimScorer(_stats, context));
        }

        public override Explanation Explain(AtomicReaderContext context, int doc)
        {
            var scorer = GetScorer(context, context.AtomicReader.LiveDocs);
            if (scorer is null || scorer.Advance(doc) != doc) return new Explanation(0f, "no matching phrase");
            var freq = new Explanation(scorer.Freq, "phraseFreq=" + scorer.Freq);
            return _similarity.GetSimScorer(_stats, context).Explain(doc, freq);
        }
    }

    private sealed class PairScorer(Weight weight, Scorer pairs, Similarity.SimScorer words) : Scorer(weight)
    {
        public override int DocID => pairs.DocID;

        /// <summary>How often the phrase occurs: each occurrence is exactly one run of consecutive pairs.</summary>
        public override int Freq => pairs.Freq;

        public override int NextDoc() => pairs.NextDoc();

        public override int Advance(int target) => pairs.Advance(target);

        public override float GetScore() => words.Score(pairs.DocID, pairs.Freq);

        public override long GetCost() => pairs.GetCost();
    }
}
