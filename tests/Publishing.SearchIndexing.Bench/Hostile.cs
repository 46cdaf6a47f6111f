using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging.Abstractions;
using Publishing.SearchIndexing.LuceneIndex;
using Publishing.SearchIndexing.Search;

namespace Publishing.SearchIndexing.Bench;

/// <summary>
/// <c>--hostile</c>: requests an anonymous client could send to make search expensive, each run through the
/// endpoint's own handler (<see cref="SearchContent.Handle"/>: validation, query limits, the time budget), so
/// the status printed is the one the client would get. Each runs <c>--repeat</c> times (default 3), the first
/// run after the service's start-up warm-up (<see cref="SearchWarmup"/>; <c>--cold</c> skips it).
/// The words and prefixes are the index's own most frequent ones, read from its term dictionary. Beside the
/// wall time, the process CPU time of the slowest run: on a shared machine the wall time also holds the waits
/// for a core, which the CPU time does not.
/// </summary>
internal static class Hostile
{
    private sealed record Request(string Name, string? Q, int? Page = null, int? PageSize = null, string? Type = null);

    /// <param name="only">Runs only the requests whose name contains it (to look closer at one kind).</param>
    public static void Run(LuceneSearchIndex index, int repeat, string? only)
    {
        var requests = Requests(index.LiveDirectory).Where(r => only is null || r.Name.Contains(only, StringComparison.OrdinalIgnoreCase)).ToList();
        Console.WriteLine($"Hostile requests: {requests.Count}, each {repeat} times, one at a time, through SearchContent.Handle");
        Console.WriteLine($"  {"request",-44} {"status",6} {"first ms",9} {"max ms",9} {"cpu ms",9}  detail");
        var worst = (Ms: 0.0, Cpu: 0.0, Name: "");
        var process = Process.GetCurrentProcess();
        var statuses = new Dictionary<int, int>();
        foreach (var request in requests)
        {
            var times = new List<(double Wall, double Cpu)>();
            var (status, detail) = (0, "");
            for (var i = 0; i < repeat; i++)
            {
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                var started = Stopwatch.GetTimestamp();
                (status, detail) = Answer(index, request);
                var wall = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                process.Refresh();
                times.Add((wall, (process.TotalProcessorTime - cpu).TotalMilliseconds));
            }
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var slowest = times.MaxBy(t => t.Wall);
            if (slowest.Wall > worst.Ms) worst = (slowest.Wall, slowest.Cpu, request.Name);
            Console.WriteLine($"  {request.Name,-44} {status,6} {times[0].Wall,9:F1} {slowest.Wall,9:F1} {slowest.Cpu,9:F1}  {Shorten(detail)}");
        }
        Console.WriteLine($"Statuses: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} x{s.Value}"))}");
        Console.WriteLine($"Slowest request: {worst.Name} in {worst.Ms:F1} ms ({worst.Cpu:F1} ms CPU)");
    }

    private static (int Status, string Detail) Answer(LuceneSearchIndex index, Request r)
    {
        var response = new DefaultHttpContext().Response;
        var result = SearchContent.Handle(index, response, NullLoggerFactory.Instance, r.Q, r.Type, null, null, r.Page, r.PageSize).Result;
        return result switch
        {
            Ok<SearchResponse> ok => (200, $"{ok.Value!.Total:N0} matches"),
            ProblemHttpResult problem => (problem.StatusCode, problem.ProblemDetails.Detail ?? ""),
            _ => (-1, result.GetType().Name),
        };
    }

    private static List<Request> Requests(string indexFolder)
    {
        var (commonWords, widePrefixes) = Vocabulary(indexFolder);
        var requests = new List<Request>();
        foreach (var n in new[] { 5, 10, 13, 20, 30, 60 }) requests.Add(new($"regex /[ab]*a[ab]{{{n}}}/", $"/[ab]*a[ab]{{{n}}}/"));
        requests.Add(new("regex /.*/", "/.*/"));
        requests.Add(new("regex-like /ima.*b/ (text)", "/ima.*b/"));
        foreach (var n in new[] { 2, 4, 5, 30 })
            requests.Add(new($"fuzzy chain x{n} (two letters ~2)", string.Join(" ", Enumerable.Range(0, n).Select(i => $"{(char)('a' + i % 26)}{(char)('a' + i / 26 % 26)}~2"))));
        requests.Add(new("fuzzy x4 common words ~2 OR", string.Join(" OR ", commonWords.Take(4).Select(w => w + "~2"))));
        requests.Add(new("fuzzy x4 common words ~2 AND", string.Join(" ", commonWords.Take(4).Select(w => w + "~2"))));
        requests.Add(new("fuzzy ~3", "imatinib~3"));
        foreach (var length in new[] { 20, 21, 100 })
            requests.Add(new($"fuzzy x4 words of {length} letters ~2", string.Join(" ", commonWords.Take(4).Select(w => string.Concat(Enumerable.Repeat(w, length / w.Length + 1))[..length] + "~2"))));
        requests.Add(new("wildcard a*", "a*"));
        foreach (var prefix in widePrefixes.Take(3)) requests.Add(new($"wildcard {prefix}* (widest two letters)", prefix + "*"));
        requests.Add(new("wildcards x4 widest OR", string.Join(" OR ", widePrefixes.Take(4).Select(p => p + "*"))));
        requests.Add(new("wildcards x4 widest OR, page 200 x 50", string.Join(" OR ", widePrefixes.Take(4).Select(p => p + "*")), 200, 50));
        requests.Add(new("wildcard storm ab*c*d*e*f*g*", $"{widePrefixes[0]}*c*d*e*f*g*"));
        requests.Add(new("wildcard *?* (three, the most allowed)", widePrefixes[0] + "*?*"));
        requests.Add(new("wildcards x4 of three each", string.Join(" ", widePrefixes.Take(4).Select(p => p + "*?*"))));
        requests.Add(new("wildcards x4 of three each OR", string.Join(" OR ", widePrefixes.Take(4).Select(p => p + "?*?"))));
        requests.Add(new("wildcard ?s x30", widePrefixes[0] + new string('?', 30) + "*"));
        requests.Add(new("wildcard ?s x200", widePrefixes[0] + new string('?', 200)));
        requests.Add(new("wildcard *?s x100", widePrefixes[0] + string.Concat(Enumerable.Repeat("*?", 100))));
        requests.Add(new("wildcards x4 ?s x100", string.Join(" ", widePrefixes.Take(4).Select(p => p + new string('?', 100)))));
        requests.Add(new("wildcards x5", string.Join(" ", widePrefixes.Take(5).Select(p => p + "*"))));
        requests.Add(new("*", "*"));
        requests.Add(new("*:*", "*:*"));
        requests.Add(new("browse page 1", ""));
        requests.Add(new("browse page 200 x 50", "", 200, 50));
        requests.Add(new("browse page 201 x 50", "", 201, 50));
        requests.Add(new("common word, page 200 x 50", commonWords[0], 200, 50));
        requests.Add(new("common word, page 1000 x 10", commonWords[0], 1000, 10));
        requests.Add(new("common word, page 1001 x 10", commonWords[0], 1001, 10));
        requests.Add(new("32 common words OR", string.Join(" OR ", commonWords.Take(32))));
        requests.Add(new("32 common words OR, page 200 x 50", string.Join(" OR ", commonWords.Take(32)), 200, 50));
        requests.Add(new("32 common words AND", string.Join(" ", commonWords.Take(32))));
        requests.Add(new("33 common words OR", string.Join(" OR ", commonWords.Take(33))));
        requests.Add(new("28 common words + 4 wildcards OR", string.Join(" OR ", commonWords.Take(28).Concat(widePrefixes.Take(4).Select(p => p + "*")))));
        requests.Add(new("phrase of 32 common words", "\"" + string.Join(" ", commonWords.Take(32)) + "\""));
        requests.Add(new("sloppy phrases x16 ~10 OR", string.Join(" OR ", commonWords.Take(32).Chunk(2).Select(p => $"\"{p[0]} {p[1]}\"~10"))));
        requests.Add(new("phrase slop ~500", $"\"{commonWords[0]} {commonWords[1]}\"~500"));
        requests.Add(new("hyphenated 60 words", string.Join("-", Enumerable.Range(0, 60).Select(i => commonWords[i % commonWords.Count]))));
        requests.Add(new("range [a TO z]", "[a TO z]"));
        var longOr = string.Join(" OR ", Enumerable.Range(0, 100).Select(i => commonWords[i % commonWords.Count]));
        requests.Add(new("500 characters of OR", longOr[..Math.Min(500, longOr.LastIndexOf(" OR ", 500, StringComparison.Ordinal))]));
        requests.Add(new("501 characters", new string('x', 501)));
        requests.Add(new("nested brackets x50", new string('(', 50) + commonWords[0] + new string(')', 50)));
        requests.Add(new("NOT everything", $"*:* -{commonWords[0]} -{commonWords[1]}"));
        return requests;
    }

    /// <summary>The 40 body terms in the most documents, and the two-letter prefixes with the most terms over the searched fields.</summary>
    private static (List<string> CommonWords, List<string> WidePrefixes) Vocabulary(string indexFolder)
    {
        using var directory = FSDirectory.Open(new DirectoryInfo(indexFolder));
        using var reader = DirectoryReader.Open(directory);
        var docFreq = new Dictionary<string, int>();
        var prefixTerms = new Dictionary<string, int>();
        foreach (var field in new[] { "names", "title", "keywords", "body" })
        {
            var terms = MultiFields.GetTerms(reader, field);
            if (terms is null) continue;
            var e = terms.GetEnumerator();
            while (e.MoveNext())
            {
                var text = e.Term.Utf8ToString();
                if (text.Length >= 2 && char.IsLetter(text[0]) && char.IsLetter(text[1]))
                    prefixTerms[text[..2]] = prefixTerms.GetValueOrDefault(text[..2]) + 1;
                if (field == "body" && text.Length >= 3 && text.All(char.IsLetter)) docFreq[text] = e.DocFreq;
            }
        }
        return (docFreq.OrderByDescending(t => t.Value).Take(40).Select(t => t.Key).ToList(),
            prefixTerms.OrderByDescending(p => p.Value).Select(p => p.Key).ToList());
    }

    private static string Shorten(string text) => text.Length <= 110 ? text : text[..107] + "...";
}
