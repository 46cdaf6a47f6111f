using YamlDotNet.RepresentationModel;

namespace Publishing.Deployment.Tests;

/// <summary>docker-compose.yml, parsed with YamlDotNet's representation model.</summary>
internal sealed class Compose
{
    public const string FileName = "docker-compose.yml";

    public IReadOnlyDictionary<string, ComposeService> Services { get; }

    private Compose(IReadOnlyDictionary<string, ComposeService> services) => Services = services;

    public static Compose Load()
    {
        var path = Repo.PathOf(FileName);
        Assert.True(File.Exists(path), $"{FileName} is missing at the repository root ({path}).");
        var stream = new YamlStream();
        using (var reader = new StreamReader(path)) stream.Load(reader);
        Assert.True(stream.Documents.Count == 1, $"{FileName} should hold exactly one YAML document.");
        var root = Assert.IsType<YamlMappingNode>(stream.Documents[0].RootNode);
        var services = root.Child("services") as YamlMappingNode
            ?? throw new Xunit.Sdk.XunitException($"{FileName} has no 'services' mapping.");
        return new Compose(services.Children.ToDictionary(
            kv => ((YamlScalarNode)kv.Key).Value!,
            kv => new ComposeService(((YamlScalarNode)kv.Key).Value!, (YamlMappingNode)kv.Value),
            StringComparer.Ordinal));
    }

    /// <summary>The services compose builds from this repository (the application services).</summary>
    public IEnumerable<ComposeService> AppServices => Services.Values.Where(s => s.Dockerfile is not null);

    /// <summary>The service whose build passes <paramref name="project"/> as the Dockerfile's PROJECT.</summary>
    public ComposeService? ForProject(string project) =>
        AppServices.FirstOrDefault(s => s.BuildArgs.GetValueOrDefault(Repo.ProjectBuildArg) == project);

    /// <summary>A path as compose writes it (./x, x, .\\x) in the form <see cref="Repo"/> uses.</summary>
    public static string Normalize(string path) => path.Replace('\\', '/').TrimStart('.', '/');

    /// <summary>Whether the service's host adds the message bus; a service no project builds is taken to.</summary>
    public bool UsesBus(ComposeService service) =>
        Repo.ServiceProjects().FirstOrDefault(p => ForProject(p)?.Name == service.Name) is not { } project || Repo.UsesBus(project);
}

internal sealed class ComposeService(string name, YamlMappingNode node)
{
    public string Name { get; } = name;
    public YamlMappingNode Node { get; } = node;

    /// <summary>
    /// <c>build.dockerfile</c> (compose's default, <c>Dockerfile</c>, when the build names none), or null
    /// when the service is not built here.
    /// </summary>
    public string? Dockerfile => Node.Child("build") switch
    {
        YamlScalarNode => "Dockerfile",
        YamlMappingNode m => m.Scalar("dockerfile") ?? "Dockerfile",
        _ => null,
    };

    /// <summary><c>build.args</c>, in either the mapping or the <c>- KEY=value</c> list form.</summary>
    public IReadOnlyDictionary<string, string> BuildArgs => (Node.Child("build") as YamlMappingNode)?.Child("args") switch
    {
        YamlMappingNode map => map.Children.ToDictionary(
            kv => ((YamlScalarNode)kv.Key).Value!,
            kv => (kv.Value as YamlScalarNode)?.Value ?? "",
            StringComparer.Ordinal),
        YamlSequenceNode seq => seq.Children.OfType<YamlScalarNode>()
            .Select(s => (s.Value ?? "").Split('=', 2))
            .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.Ordinal),
        _ => new Dictionary<string, string>(),
    };

    public string? BuildContext => Node.Child("build") switch
    {
        YamlScalarNode s => s.Value,
        YamlMappingNode m => m.Scalar("context"),
        _ => null,
    };

    public YamlMappingNode? Healthcheck => Node.Child("healthcheck") as YamlMappingNode;

    /// <summary>The healthcheck's <c>test</c>, as one string.</summary>
    public string? HealthcheckTest => Healthcheck?.Child("test") switch
    {
        YamlScalarNode s => s.Value,
        YamlSequenceNode seq => string.Join(' ', seq.Children.OfType<YamlScalarNode>().Select(x => x.Value)),
        _ => null,
    };

    /// <summary><c>depends_on</c>: service name -> condition (null for the short list form).</summary>
    public IReadOnlyDictionary<string, string?> DependsOn => Node.Child("depends_on") switch
    {
        YamlSequenceNode seq => seq.Children.OfType<YamlScalarNode>()
            .ToDictionary(s => s.Value!, _ => (string?)null, StringComparer.Ordinal),
        YamlMappingNode map => map.Children.ToDictionary(
            kv => ((YamlScalarNode)kv.Key).Value!,
            kv => (kv.Value as YamlMappingNode)?.Scalar("condition"),
            StringComparer.Ordinal),
        _ => new Dictionary<string, string?>(),
    };

    public string? Image => Node.Scalar("image");

    /// <summary><c>command</c>, as its words (the list form, or a string split on spaces).</summary>
    public IReadOnlyList<string> Command => Node.Child("command") switch
    {
        YamlScalarNode s => (s.Value ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries),
        YamlSequenceNode seq => seq.Children.OfType<YamlScalarNode>().Select(x => x.Value ?? "").ToList(),
        _ => [],
    };

    /// <summary><c>ports</c> in the short form, e.g. <c>8443:8443</c>.</summary>
    public IReadOnlyList<string> Ports => (Node.Child("ports") as YamlSequenceNode)?.Children
        .OfType<YamlScalarNode>().Select(x => x.Value ?? "").ToList() ?? [];

    /// <summary><c>volumes</c>, short (<c>source:target[:ro]</c>) or long form.</summary>
    public IReadOnlyList<ComposeVolume> Volumes => (Node.Child("volumes") as YamlSequenceNode)?.Children
        .Select(ComposeVolume.From).OfType<ComposeVolume>().ToList() ?? [];

    /// <summary>
    /// The host file behind a path inside the container (relative to the repository root, '/'-separated),
    /// through the bind mount whose target holds it; null when no bind mount does.
    /// </summary>
    public string? HostPathOf(string containerPath) => Volumes
        .Where(v => v.IsBind && (containerPath == v.Target || containerPath.StartsWith(v.Target.TrimEnd('/') + "/", StringComparison.Ordinal)))
        .OrderByDescending(v => v.Target.Length)
        .Select(v => (v.Source.StartsWith("./", StringComparison.Ordinal) ? v.Source[2..] : v.Source).TrimEnd('/') + containerPath[v.Target.TrimEnd('/').Length..])
        .FirstOrDefault();

    /// <summary><c>environment</c>, in either the mapping or the <c>- KEY=value</c> list form.</summary>
    public IReadOnlyDictionary<string, string> Environment => Node.Child("environment") switch
    {
        YamlMappingNode map => map.Children.ToDictionary(
            kv => ((YamlScalarNode)kv.Key).Value!,
            kv => (kv.Value as YamlScalarNode)?.Value ?? "",
            StringComparer.Ordinal),
        YamlSequenceNode seq => seq.Children.OfType<YamlScalarNode>()
            .Select(s => s.Value ?? "")
            .Select(s => s.Split('=', 2))
            .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.Ordinal),
        _ => new Dictionary<string, string>(),
    };
}

internal sealed record ComposeVolume(string Source, string Target, bool ReadOnly)
{
    /// <summary>A host path (./..., /...) rather than a named volume.</summary>
    public bool IsBind => Source.StartsWith('.') || Source.StartsWith('/');

    public static ComposeVolume? From(YamlNode node) => node switch
    {
        YamlScalarNode { Value: { } text } => text.Split(':') is { Length: >= 2 } parts
            ? new ComposeVolume(parts[0], parts[1], parts.Length > 2 && parts[2].Split(',').Contains("ro"))
            : null,
        YamlMappingNode map when map.Scalar("source") is { } source && map.Scalar("target") is { } target =>
            new ComposeVolume(source, target, map.Scalar("read_only") == "true"),
        _ => null,
    };
}

internal static class YamlExtensions
{
    public static YamlNode? Child(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static string? Scalar(this YamlMappingNode node, string key) => (node.Child(key) as YamlScalarNode)?.Value;
}
