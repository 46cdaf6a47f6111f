using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Publishing.Deployment.Tests;

/// <summary>
/// A Dockerfile as Docker reads it for one set of build arguments: its stages, and in each its
/// instructions with variables replaced as the build would replace them. Docker itself substitutes in
/// FROM, COPY, ENV, WORKDIR and USER, from the ARGs declared in that stage (an ARG before the first FROM
/// reaches only FROM lines unless the stage declares it again) and the ENVs set so far; the shell of a
/// RUN sees the same values as its environment. Variables neither declares (the base image's own, such
/// as APP_UID) are left as written. Covers what the repository's Dockerfile uses: comments, line
/// continuations, <c>$NAME</c>, <c>${NAME}</c> and <c>${NAME:-default}</c>, COPY and RUN flags.
/// </summary>
internal sealed partial class DockerBuild
{
    private DockerBuild(IReadOnlyList<DockerStage> stages) => Stages = stages;

    public IReadOnlyList<DockerStage> Stages { get; }

    /// <summary>The stage the image is made of (the last one).</summary>
    public DockerStage Final => Stages[^1];

    public static DockerBuild Read(string path, IReadOnlyDictionary<string, string> buildArgs)
    {
        var globals = new Dictionary<string, string?>(StringComparer.Ordinal);
        var stages = new List<DockerStage>();
        DockerStage? stage = null;
        foreach (var (keyword, arguments) in Instructions(File.ReadAllText(path)))
        {
            if (keyword == "FROM")
            {
                var from = Expand(arguments, Known(globals), leaveUnknown: false).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                stage = new DockerStage(from[0], from.Length >= 3 && from[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? from[2] : null);
                stages.Add(stage);
                continue;
            }
            if (stage is null)
            {
                Assert.True(keyword == "ARG", $"{path}: only ARG may come before the first FROM, found {keyword}.");
                var (name, fallback) = Declaration(arguments);
                globals[name] = buildArgs.TryGetValue(name, out var given) ? given : fallback;
                continue;
            }
            stage.Add(keyword, arguments, globals, buildArgs);
        }
        Assert.True(stages.Count > 0, $"{path} has no FROM.");
        return new DockerBuild(stages);
    }

    /// <summary>The instructions, one per logical line: comments dropped, continuations joined.</summary>
    private static IEnumerable<(string Keyword, string Arguments)> Instructions(string text)
    {
        var line = new StringBuilder();
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var trimmed = raw.Trim();
            if (trimmed.StartsWith('#')) continue;
            if (trimmed.EndsWith('\\'))
            {
                line.Append(trimmed[..^1]).Append(' ');
                continue;
            }
            line.Append(trimmed);
            var whole = line.ToString().Trim();
            line.Clear();
            if (whole.Length == 0) continue;
            var space = whole.IndexOf(' ');
            yield return space < 0 ? (whole.ToUpperInvariant(), "") : (whole[..space].ToUpperInvariant(), whole[(space + 1)..].Trim());
        }
    }

    internal static (string Name, string? Default) Declaration(string arguments)
    {
        var parts = arguments.Split('=', 2);
        return (parts[0].Trim(), parts.Length > 1 ? Unquote(parts[1].Trim()) : null);
    }

    internal static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;

    private static Dictionary<string, string> Known(Dictionary<string, string?> values) =>
        values.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!, StringComparer.Ordinal);

    /// <summary>Replaces <c>$NAME</c>, <c>${NAME}</c> and <c>${NAME:-default}</c> from <paramref name="values"/>.</summary>
    internal static string Expand(string text, IReadOnlyDictionary<string, string> values, bool leaveUnknown) =>
        Variable().Replace(text, m =>
        {
            var name = m.Groups["braced"].Success ? m.Groups["braced"].Value : m.Groups["bare"].Value;
            if (values.TryGetValue(name, out var value) && value.Length > 0) return value;
            if (m.Groups["default"].Success) return m.Groups["default"].Value;
            return values.ContainsKey(name) || !leaveUnknown ? "" : m.Value;
        });

    [GeneratedRegex(@"\$(?:\{(?<braced>[A-Za-z_][A-Za-z0-9_]*)(?::-(?<default>[^}]*))?\}|(?<bare>[A-Za-z_][A-Za-z0-9_]*))")]
    private static partial Regex Variable();
}

/// <summary>One stage: where it starts from, and its instructions as the build sees them.</summary>
internal sealed class DockerStage(string from, string? name)
{
    private readonly Dictionary<string, string> _args = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _env = new(StringComparer.Ordinal);
    private readonly List<DockerInstruction> _instructions = [];

    public string From { get; } = from;
    public string? Name { get; } = name;
    public IReadOnlyList<DockerInstruction> Instructions => _instructions;

    /// <summary>The environment the image's process starts with, as far as this Dockerfile sets it.</summary>
    public IReadOnlyDictionary<string, string> Environment => _env;

    public IEnumerable<DockerCopy> Copies => _instructions.Where(i => i.Keyword == "COPY").Select(DockerCopy.From);

    public IEnumerable<DockerInstruction> Runs => _instructions.Where(i => i.Keyword == "RUN");

    public DockerInstruction? Entrypoint => _instructions.LastOrDefault(i => i.Keyword == "ENTRYPOINT");

    /// <summary>What a RUN's shell, or Docker's own substitution, sees: this stage's ARGs and ENVs so far.</summary>
    public IReadOnlyDictionary<string, string> BuildEnvironment =>
        _args.Concat(_env).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);

    internal void Add(string keyword, string arguments, IReadOnlyDictionary<string, string?> globals, IReadOnlyDictionary<string, string> buildArgs)
    {
        switch (keyword)
        {
            case "ARG":
            {
                var (name, fallback) = DockerBuild.Declaration(arguments);
                _args[name] = buildArgs.TryGetValue(name, out var given) ? given
                    : fallback is not null ? DockerBuild.Expand(fallback, BuildEnvironment, leaveUnknown: true)
                    : globals.TryGetValue(name, out var global) && global is not null ? global : "";
                break;
            }
            case "ENV":
                foreach (var (name, value) in EnvPairs(arguments))
                    _env[name] = DockerBuild.Expand(value, BuildEnvironment, leaveUnknown: true);
                break;
        }
        // JSON (exec) forms are not substituted: their words reach the program as written.
        var expanded = arguments.StartsWith('[') ? arguments : DockerBuild.Expand(arguments, BuildEnvironment, leaveUnknown: true);
        _instructions.Add(new DockerInstruction(keyword, arguments, expanded, BuildEnvironment));
    }

    private static IEnumerable<(string Name, string Value)> EnvPairs(string arguments)
    {
        foreach (var word in arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, value) = DockerBuild.Declaration(word);
            Assert.True(value is not null, $"ENV {arguments}: use the NAME=value form.");
            yield return (name, value);
        }
    }
}

/// <param name="Written">The arguments as written.</param>
/// <param name="Arguments">The arguments with the stage's variables replaced (exec forms as written).</param>
/// <param name="Environment">The ARGs and ENVs this instruction sees (a RUN's shell gets them as its environment).</param>
internal sealed record DockerInstruction(string Keyword, string Written, string Arguments, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>The leading <c>--name=value</c> flags (COPY --from, RUN --mount, ...).</summary>
    public IReadOnlyList<string> Flags => Words.TakeWhile(w => w.StartsWith("--", StringComparison.Ordinal)).ToList();

    /// <summary>What follows the flags.</summary>
    public string Command => string.Join(' ', Words.SkipWhile(w => w.StartsWith("--", StringComparison.Ordinal)));

    /// <summary>The exec (JSON) form's words, or null for the shell form.</summary>
    public IReadOnlyList<string>? ExecForm => Arguments.StartsWith('[') ? JsonSerializer.Deserialize<List<string>>(Arguments) : null;

    /// <summary>A RUN's shell command as written, for its shell to expand: what follows the flags.</summary>
    public string ShellCommand => Regex.Replace(Written, @"^(?:--\S+\s+)*", "");

    /// <summary>A RUN's <c>--mount=type=bind,source=...,target=...</c> flags: target -> source.</summary>
    public IReadOnlyDictionary<string, string> BindMounts => Flags
        .Where(f => f.StartsWith("--mount=", StringComparison.Ordinal))
        .Select(f => f["--mount=".Length..].Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal))
        .Where(m => m.GetValueOrDefault("type") == "bind" && m.ContainsKey("target"))
        .ToDictionary(m => m["target"], m => m.GetValueOrDefault("source") ?? ".", StringComparer.Ordinal);

    private string[] Words => Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>A COPY: from the build context (<see cref="Stage"/> null) or from another stage.</summary>
internal sealed record DockerCopy(string? Stage, IReadOnlyList<string> Sources, string Destination)
{
    public static DockerCopy From(DockerInstruction copy)
    {
        Assert.False(copy.Command.StartsWith('['), $"COPY {copy.Written}: the JSON form is not read here; use the plain form.");
        var stage = copy.Flags.FirstOrDefault(f => f.StartsWith("--from=", StringComparison.Ordinal))?["--from=".Length..];
        var paths = copy.Command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(paths.Length >= 2, $"COPY {copy.Written} names no source and destination.");
        return new DockerCopy(stage, paths[..^1], paths[^1]);
    }
}
