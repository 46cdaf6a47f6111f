using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Publishing.Deployment.Tests;

/// <summary>The repository on disk: its root (where Publishing.sln is) and its service projects.</summary>
internal static partial class Repo
{
    public const string StandaloneProject = "Publishing.Standalone";

    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) =>
        Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Every folder under services/ holding a .csproj, except the standalone host (not deployed).</summary>
    public static IReadOnlyList<string> ServiceProjects() =>
        Directory.GetDirectories(PathOf("services"))
            .Where(d => Directory.EnumerateFiles(d, "*.csproj").Any())
            .Select(d => Path.GetFileName(d)!)
            .Where(n => n != StandaloneProject)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The one Dockerfile every service image is built from, relative to the root (the build context).</summary>
    public const string Dockerfile = "Dockerfile";

    /// <summary>The Dockerfile's build argument naming the service project to build.</summary>
    public const string ProjectBuildArg = "PROJECT";

    /// <summary>Every folder (relative to the root, with '/') holding a .csproj, build output aside.</summary>
    public static IReadOnlyList<string> ProjectFolders() =>
        Directory.EnumerateFiles(Root, "*.csproj", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, Path.GetDirectoryName(f)!).Replace('\\', '/'))
            .Where(d => !d.Split('/').Any(part => part is "bin" or "obj" or ".git"))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The file a project builds to: its AssemblyName, or by default its own name, + .dll.</summary>
    public static string AssemblyFile(string project)
    {
        var name = XDocument.Load(PathOf($"services/{project}/{project}.csproj")).Descendants()
            .FirstOrDefault(e => e.Name.LocalName == "AssemblyName")?.Value.Trim();
        return $"{(string.IsNullOrEmpty(name) ? project : name)}.dll";
    }

    /// <summary>
    /// The connection string names a service passes to <c>AddServiceDatabase&lt;...&gt;("Name")</c>,
    /// read from its *Host.cs files (or, failing that, any .cs file in the project).
    /// </summary>
    public static IReadOnlyList<string> DatabaseNames(string project)
    {
        var dir = PathOf($"services/{project}");
        var sources = Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(dir, f))
            .ToList();
        var hosts = sources.Where(f => f.EndsWith("Host.cs", StringComparison.Ordinal)).ToList();
        foreach (var set in new[] { hosts, sources })
        {
            var names = set
                .SelectMany(f => AddServiceDatabaseCall().Matches(File.ReadAllText(f)))
                .Select(m => m.Groups["name"].Value)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (names.Count > 0) return names;
        }
        return [];
    }

    /// <summary>Whether a service's host adds the message bus (<c>AddPublishingBus</c> in its *Host.cs).</summary>
    public static bool UsesBus(string project) =>
        Directory.EnumerateFiles(PathOf($"services/{project}"), "*Host.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(PathOf($"services/{project}"), f))
            .Any(f => File.ReadAllText(f).Contains("AddPublishingBus(", StringComparison.Ordinal));

    /// <summary>The folders (relative to the root, with '/') of a project and everything it references, transitively.</summary>
    public static IReadOnlyList<string> ProjectClosure(string project)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        pending.Push(PathOf($"services/{project}/{project}.csproj"));
        while (pending.Count > 0)
        {
            var csproj = Path.GetFullPath(pending.Pop());
            if (!File.Exists(csproj)) continue;
            var folder = Path.GetRelativePath(Root, Path.GetDirectoryName(csproj)!).Replace('\\', '/');
            if (!seen.Add(folder)) continue;
            foreach (var reference in XDocument.Load(csproj).Descendants()
                         .Where(e => e.Name.LocalName == "ProjectReference")
                         .Select(e => (string?)e.Attribute("Include"))
                         .OfType<string>())
            {
                pending.Push(Path.Combine(Path.GetDirectoryName(csproj)!, reference.Replace('\\', Path.DirectorySeparatorChar)));
            }
        }
        return seen.ToList();
    }

    private static bool IsBuildOutput(string projectDir, string file)
    {
        var first = Path.GetRelativePath(projectDir, file).Split(Path.DirectorySeparatorChar)[0];
        return first is "bin" or "obj";
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Publishing.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException(
            $"No Publishing.sln found in {AppContext.BaseDirectory} or any folder above it.");
    }

    [GeneratedRegex("""AddServiceDatabase\s*<[^>]*>\s*\(\s*"(?<name>[^"]+)"\s*\)""")]
    private static partial Regex AddServiceDatabaseCall();
}
