using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;

namespace Publishing.SearchIndexing.LuceneIndex;

/// <summary>
/// The classic query syntax (words, "phrases", AND/OR/NOT, prefix*, word~) over the searched fields, with
/// everything that lets one anonymous request cost seconds of CPU taken out or bounded. These limits decide
/// what a query may ask for; <see cref="SearchBudget"/> is the backstop for what it still costs on a big index.
/// <list type="bullet">
/// <item>A slash is text (<c>mg/m2</c>, <c>and/or</c>, <c>HER2/neu</c>), never a regular expression: Lucene 4.8
/// turns a regular expression into a deterministic automaton with no limit on its size, exponential in
/// patterns like <c>/[ab]*a[ab]{13}/</c>, before the search even starts.</item>
/// <item>No ranges (<c>[a TO z]</c>): over a text field a range is a walk of the whole term dictionary.</item>
/// <item>At most <see cref="MaxWords"/> words or phrases, counted per searched field as the parser expands
/// them, so a hyphenated run of words cannot slip past as one.</item>
/// <item>At most <see cref="MaxExpandingWords"/> words with <c>*</c>, <c>?</c> or <c>~</c>. A wildcard needs
/// <see cref="MinLiteralPrefix"/> letters before its first <c>*</c> or <c>?</c> (a leading one is refused), so it
/// walks a slice of the dictionary, and holds at most <see cref="MaxWildcardsPerWord"/> of them: each one more multiplies
/// the states of the automaton Lucene builds for the word (<c>ta*?*?…</c> took seconds). A fuzzy word keeps its first
/// <see cref="FuzzyKeptPrefix"/> letters, allows at most 2 edits (Lucene's maximum), expands to at most 50 terms (Lucene's
/// default) and is at most <see cref="MaxFuzzyLength"/> characters: its automata grow with its length, are built per
/// searched field, and cannot be interrupted (four fuzzy words of 100 letters took 1.7 s of CPU).</item>
/// <item>A phrase allows at most <see cref="MaxSlop"/> positions of slop (<c>"a b"~10</c>).</item>
/// </list>
/// A refused query is a <see cref="SearchQueryException"/> saying what is not allowed.
/// </summary>
internal sealed class BoundedQueryParser : MultiFieldQueryParser
{
    public const int MaxWords = 32;
    public const int MaxExpandingWords = 4;
    public const int MinLiteralPrefix = 2;
    public const int MaxWildcardsPerWord = 3;
    public const int FuzzyKeptPrefix = 2;
    public const int MaxFuzzyLength = 20;
    public const int MaxSlop = 10;

    private BoundedQueryParser(Analyzer analyzer)
        : base(SearchSchema.Version, SearchSchema.SearchedFields, analyzer, SearchSchema.Boosts)
    {
        DefaultOperator = Operator.AND;
        AllowLeadingWildcard = false;
        FuzzyPrefixLength = FuzzyKeptPrefix;
    }

    /// <summary>The query for <paramref name="text"/>; null when it has nothing to match (only stop words).</summary>
    public static Query? Parse(string text, Analyzer analyzer)
    {
        Query? query;
        try
        {
            query = new BoundedQueryParser(analyzer).Parse(SlashesAsText(text));
        }
        catch (Exception e) when (e is not (SearchQueryException or OutOfMemoryException))
        {
            // ParseException, TokenMgrError, and whatever else the generated parser throws on odd input.
            throw new SearchQueryException(
                "The search query could not be understood. Check that quotes and brackets are closed, that AND, OR and NOT " +
                "have a word on each side, and that * comes at the end of a word. Ranges ([a TO b]) and regular expressions " +
                "are not supported.", e);
        }
        if (query is not null) CheckSize(query);
        return query;
    }

    /// <summary>Escapes every slash not already escaped, so the parser reads it as part of a word.</summary>
    private static string SlashesAsText(string text)
    {
        if (!text.Contains('/')) return text;
        var escaped = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                escaped.Append(text[i]).Append(text[++i]);
                continue;
            }
            if (text[i] == '/') escaped.Append('\\');
            escaped.Append(text[i]);
        }
        return escaped.ToString();
    }

    private static void CheckSize(Query query)
    {
        var fields = SearchSchema.SearchedFields.Length;
        var (leaves, expanding) = Count(query);
        if (leaves > MaxWords * fields)
            throw new SearchQueryException($"The search query has too many words: at most {MaxWords}.");
        if (expanding > MaxExpandingWords * fields)
            throw new SearchQueryException($"At most {MaxExpandingWords} words of a search may use *, ? or ~.");
    }

    /// <summary>Leaf queries (one per word or phrase and field) and how many of them expand to many terms.</summary>
    private static (int Leaves, int Expanding) Count(Query query)
    {
        if (query is not BooleanQuery boolean) return (1, query is MultiTermQuery ? 1 : 0);
        var (leaves, expanding) = (0, 0);
        foreach (var clause in boolean.Clauses)
        {
            var (l, e) = Count(clause.Query);
            leaves += l;
            expanding += e;
        }
        return (leaves, expanding);
    }

    protected override Query GetFieldQuery(string field, string queryText, int slop)
    {
        if (slop > MaxSlop) throw new SearchQueryException($"A phrase may allow at most {MaxSlop} positions of slop (\"…\"~{MaxSlop}).");
        return base.GetFieldQuery(field, queryText, slop);
    }

    protected override Query GetPrefixQuery(string field, string termStr)
    {
        if (termStr.Length < MinLiteralPrefix) throw TooShort(termStr + "*");
        return base.GetPrefixQuery(field, termStr);
    }

    protected override Query GetWildcardQuery(string field, string termStr)
    {
        if (field == "*" && termStr == "*") return base.GetWildcardQuery(field, termStr); // *:* is everything, like an empty query
        var (prefix, wildcards) = Shape(termStr);
        if (prefix < MinLiteralPrefix) throw TooShort(termStr);
        if (wildcards > MaxWildcardsPerWord)
            throw new SearchQueryException($"'{termStr}': a word may hold at most {MaxWildcardsPerWord} * or ? characters.");
        return base.GetWildcardQuery(field, termStr);
    }

    protected override Query GetFuzzyQuery(string field, string termStr, float minSimilarity)
    {
        // 1 and above is a number of edits; below 1 the old similarity, which Lucene maps to at most 2 edits.
        if (minSimilarity > 2) throw new SearchQueryException("A fuzzy word allows at most 2 edits (word~1 or word~2).");
        if (termStr.Length > MaxFuzzyLength)
            throw new SearchQueryException($"A fuzzy word (word~) is at most {MaxFuzzyLength} characters; '{termStr[..MaxFuzzyLength]}…' is longer.");
        return base.GetFuzzyQuery(field, termStr, minSimilarity);
    }

    protected override Query GetRangeQuery(string field, string part1, string part2, bool startInclusive, bool endInclusive) =>
        throw new SearchQueryException("Ranges ([a TO b]) are not supported in a search.");

    // Unreachable while slashes are escaped; refused here too so the guarantee does not rest on the escaping alone.
    protected override Query GetRegexpQuery(string field, string termStr) =>
        throw new SearchQueryException("Regular expressions are not supported in a search.");

    private static SearchQueryException TooShort(string word) => new(
        $"'{word}': a word with * or ? needs at least {MinLiteralPrefix} letters before the first * or ?.");

    /// <summary>Characters before the first unescaped * or ? (an escaped character counts as one), and how many unescaped * and ? there are.</summary>
    private static (int Prefix, int Wildcards) Shape(string pattern)
    {
        var (prefix, wildcards) = (0, 0);
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] is '*' or '?') wildcards++;
            else if (wildcards == 0) prefix++;
            if (pattern[i] == '\\') i++;
        }
        return (prefix, wildcards);
    }
}
