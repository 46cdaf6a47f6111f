using System.Text;
using Xunit;

namespace Publishing.Contracts.Tests;

public class ContractSnapshotTests
{
    private const string SnapshotFile = "contracts.approved.txt";

    [Fact]
    public void Public_contract_shape_matches_the_approved_snapshot()
    {
        var actual = ContractShape.Describe(typeof(IContentChanged).Assembly);

        if (Environment.GetEnvironmentVariable("UPDATE_CONTRACT_SNAPSHOT") == "1")
        {
            File.WriteAllText(Path.Combine(SourceFolder(), SnapshotFile), actual);
            return;
        }

        var approved = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, SnapshotFile)).ReplaceLineEndings("\n");
        Assert.True(approved == actual, FailureMessage(approved, actual));
    }

    private static string FailureMessage(string approved, string actual) =>
        $"""
        The public shape of Publishing.Contracts no longer matches {SnapshotFile}.
        Every service and every downstream site deserialises these events by name and position:
          - renaming, removing or retyping a property (or a type, or an EventTypes value) BREAKS consumers
            still running the old contract; add a new event type or a new property instead;
          - adding a new property AT THE END of a record is allowed, but only on purpose: review the diff,
            then rerun with UPDATE_CONTRACT_SNAPSHOT=1 to rewrite {SnapshotFile} and commit it with your change.
        Diff (- approved, + actual):
        {LineDiff.Render(approved, actual)}
        """;

    /// <summary>The test project's source folder: walk up from bin/ to the folder holding the csproj.</summary>
    private static string SourceFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Publishing.Contracts.Tests.csproj")))
                return dir.FullName;
        throw new InvalidOperationException("Cannot find Publishing.Contracts.Tests.csproj above " + AppContext.BaseDirectory);
    }
}

/// <summary>A minimal line diff (longest common subsequence) with two lines of context.</summary>
internal static class LineDiff
{
    public static string Render(string before, string after)
    {
        string[] a = before.TrimEnd('\n').Split('\n'), b = after.TrimEnd('\n').Split('\n');
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
            for (var j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);

        var lines = new List<string>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y]) { lines.Add("  " + a[x]); x++; y++; }
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1])) lines.Add("- " + a[x++]);
            else lines.Add("+ " + b[y++]);
        }

        var text = new StringBuilder();
        var changed = lines.Select((l, i) => (l, i)).Where(p => p.l[0] != ' ').Select(p => p.i).ToList();
        var last = -1;
        for (var i = 0; i < lines.Count; i++)
        {
            if (!changed.Any(c => Math.Abs(c - i) <= 2)) continue;
            if (i > last + 1 && lines[i].Length > 2 && lines[i][2] == ' ' // a hunk starting inside a type: name the type
                && lines.Take(i).LastOrDefault(l => l.Length > 2 && l[2] != ' ') is { } header)
                text.AppendLine("@ " + header[2..]);
            text.AppendLine(lines[i]);
            last = i;
        }
        return text.ToString();
    }
}
