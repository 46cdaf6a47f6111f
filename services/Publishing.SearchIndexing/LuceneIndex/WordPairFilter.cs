using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Publishing.SearchIndexing.LuceneIndex;

/// <summary>
/// Turns a stream of words into the word pairs of <see cref="SearchSchema.TitlePhrases"/> and
/// <see cref="SearchSchema.BodyPhrases"/>: "a b" for words one position apart and "a _ b" for words two
/// apart (a removed stop word, or any word, between them: what a phrase query's gap matches), each at the
/// position of its first word. So an exact phrase whose words are at most two positions apart is a
/// lookup of its pairs at the same relative positions, with the same matches and counts.
/// </summary>
internal sealed class WordPairFilter : TokenFilter
{
    public const string Separator = " ";
    public const string GapSeparator = " _ ";

    private readonly ICharTermAttribute _term;
    private readonly IPositionIncrementAttribute _increment;
    private readonly IOffsetAttribute _offset;
    // The last three words read, oldest first: pairs end at the newest. Indexing runs this for every word of
    // every body, so words are copied into reused buffers rather than made into strings. Assumes, as the
    // English analysis guarantees, at most one word per position.
    private readonly Word[] _words = [new(), new(), new()];
    private int _position;
    private int _lastEmitted;
    private bool _pairWithOldest;
    private bool _pairWithMiddle;

    public WordPairFilter(TokenStream input) : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _increment = AddAttribute<IPositionIncrementAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
        Clear();
    }

    public override bool IncrementToken()
    {
        while (!_pairWithOldest && !_pairWithMiddle)
        {
            if (!m_input.IncrementToken()) return false;
            _position += _increment.PositionIncrement;
            (_words[0], _words[1], _words[2]) = (_words[1], _words[2], _words[0]);
            _words[2].Set(_term, _position, _offset);
            // In order of their first word's position: the word two back, then the one before.
            _pairWithOldest = _words[0].Present && _position - _words[0].Position == 2;
            _pairWithMiddle = _words[1].Present && _position - _words[1].Position is 1 or 2;
        }

        Word first;
        if (_pairWithOldest)
        {
            first = _words[0];
            _pairWithOldest = false;
        }
        else
        {
            first = _words[1];
            _pairWithMiddle = false;
        }
        var last = _words[2];
        ClearAttributes();
        _term.CopyBuffer(first.Text, 0, first.Length);
        _term.Append(last.Position - first.Position == 1 ? Separator : GapSeparator);
        _term.Append(last.Text, 0, last.Length);
        _increment.PositionIncrement = first.Position - _lastEmitted;
        _offset.SetOffset(first.Start, last.End);
        _lastEmitted = first.Position;
        return true;
    }

    public override void Reset()
    {
        base.Reset();
        Clear();
    }

    private void Clear()
    {
        foreach (var word in _words) word.Present = false;
        _pairWithOldest = _pairWithMiddle = false;
        _position = -1;
        _lastEmitted = -1;
    }

    private sealed class Word
    {
        public char[] Text = new char[32];
        public int Length;
        public int Position;
        public int Start;
        public int End;
        public bool Present;

        public void Set(ICharTermAttribute term, int position, IOffsetAttribute offset)
        {
            if (Text.Length < term.Length) Text = new char[term.Length * 2];
            Array.Copy(term.Buffer, Text, term.Length);
            Length = term.Length;
            Position = position;
            Start = offset.StartOffset;
            End = offset.EndOffset;
            Present = true;
        }
    }
}

/// <summary>The English analysis followed by <see cref="WordPairFilter"/>.</summary>
internal sealed class WordPairAnalyzer(Analyzer words) : AnalyzerWrapper(words.Strategy)
{
    protected override Analyzer GetWrappedAnalyzer(string fieldName) => words;

    protected override TokenStreamComponents WrapComponents(string fieldName, TokenStreamComponents components) =>
        new(components.Tokenizer, new WordPairFilter(components.TokenStream));
}
