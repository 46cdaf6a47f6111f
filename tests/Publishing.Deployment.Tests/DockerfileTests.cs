namespace Publishing.Deployment.Tests;

/// <summary>
/// The one Dockerfile, read for each service as docker-compose.yml builds it (its build arguments):
/// what its build copies, restores and publishes, what its image runs, and which image carries the
/// sample content. Docker is not needed: the file is read as Docker reads it, and the two shell
/// fragments that decide something (the sample-content copy and the entry point) are run by /bin/sh.
/// </summary>
public sealed class DockerfileTests : IDisposable
{
    private const string SampleContent = "services/Publishing.Standalone/Seed";
    private static readonly string[] BuildSettings = ["global.json", "Directory.Build.props", "Directory.Packages.props"];

    private readonly Compose compose = Compose.Load();
    private readonly string scratch = Directory.CreateTempSubdirectory("publishing-dockerfile-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    [Fact]
    public void Every_service_project_is_built_by_one_compose_service_from_the_Dockerfile_at_the_root()
    {
        var problems = new List<string>();
        Check(File.Exists(Repo.PathOf(Repo.Dockerfile)), $"{Repo.Dockerfile} does not exist at the repository root.", problems);
        foreach (var project in Repo.ServiceProjects())
        {
            var services = compose.AppServices.Where(s => s.BuildArgs.GetValueOrDefault(Repo.ProjectBuildArg) == project).ToList();
            Check(services.Count == 1, $"{project}: {services.Count} services in {Compose.FileName} build it " +
                $"(build.args.{Repo.ProjectBuildArg}: {project}); expected one.", problems);
        }
        foreach (var service in compose.AppServices)
        {
            Check(Compose.Normalize(service.Dockerfile!) == Repo.Dockerfile,
                $"compose service '{service.Name}' builds from {service.Dockerfile}, not the one {Repo.Dockerfile}.", problems);
            Check(service.BuildContext is "." or "./",
                $"compose service '{service.Name}' should build with context '.' (the repository root), not '{service.BuildContext}'.", problems);
            var project = service.BuildArgs.GetValueOrDefault(Repo.ProjectBuildArg);
            Check(project is not null && Repo.ServiceProjects().Contains(project),
                $"compose service '{service.Name}' passes {Repo.ProjectBuildArg}={project ?? "(nothing)"}, which is no deployable project under services/.", problems);
        }
        AssertNone(problems);
    }

    [Fact]
    public void For_each_service_the_build_restores_and_publishes_its_project_from_exactly_the_projects_it_references()
    {
        var problems = new List<string>();
        var allProjects = Repo.ProjectFolders();
        foreach (var (project, build) in ServiceBuilds(problems))
        {
            var csproj = $"services/{project}/{project}.csproj";
            var stage = build.Stages.FirstOrDefault(s => s.Runs.Any(r => r.Arguments.Contains("dotnet publish", StringComparison.Ordinal)));
            if (stage is null)
            {
                problems.Add($"{project}: no stage of {Repo.Dockerfile} runs dotnet publish.");
                continue;
            }
            var instructions = stage.Instructions.ToList();
            var restore = instructions.FindIndex(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet restore", StringComparison.Ordinal));
            var publish = instructions.FindIndex(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish", StringComparison.Ordinal));
            Check(restore >= 0 && instructions[restore].Arguments.Contains(csproj, StringComparison.Ordinal),
                $"{project}: the build does not run dotnet restore on {csproj}.", problems);
            Check(instructions[publish].Arguments.Contains(csproj, StringComparison.Ordinal),
                $"{project}: the build publishes {instructions[publish].Arguments}, not {csproj}.", problems);
            Check(instructions[publish].Arguments.Contains("-o /app", StringComparison.Ordinal),
                $"{project}: dotnet publish should write to /app, which the image copies.", problems);
            Check(instructions[publish].Arguments.Contains("InvariantGlobalization=false", StringComparison.Ordinal),
                $"{project}: dotnet publish should pass -p:InvariantGlobalization=false (SqlClient does not support invariant mode).", problems);

            // What the build takes from the context, and before the restore (the cached restore layer).
            var copies = instructions.Select((i, n) => (i, n)).Where(x => x.i.Keyword == "COPY")
                .Select(x => (Copy: DockerCopy.From(x.i), BeforeRestore: x.n < restore))
                .Where(x => x.Copy.Stage is null).ToList();
            var sources = copies.SelectMany(c => c.Copy.Sources.Select(s => (Path: s.TrimEnd('/'), c.Copy.Destination, c.BeforeRestore))).ToList();
            foreach (var file in BuildSettings)
                Check(sources.Any(s => s.Path == file && s.BeforeRestore), $"{project}: the build does not copy {file} before the restore.", problems);
            var closure = Repo.ProjectClosure(project);
            foreach (var folder in closure)
            {
                var projectFile = $"{folder}/{Path.GetFileName(folder)}.csproj";
                Check(sources.Any(s => s.Path == projectFile && s.BeforeRestore && s.Destination.TrimEnd('/') == folder),
                    $"{project}: the build does not copy {projectFile} into {folder}/ before the restore, which needs it.", problems);
                Check(sources.Any(s => s.Path == folder && s.Destination.TrimEnd('/') == folder),
                    $"{project}: the build does not copy {folder}/, which the service builds from.", problems);
            }
            foreach (var (source, _, _) in sources)
            {
                var strangers = allProjects.Where(f => !closure.Contains(f) && Covers(source, f)).ToList();
                Check(strangers.Count == 0,
                    $"{project}: COPY {source} brings in {string.Join(", ", strangers)}, which {project} does not reference.", problems);
            }
        }
        AssertNone(problems);
    }

    [Fact]
    public async Task Each_image_runs_its_own_service_assembly()
    {
        var problems = new List<string>();
        // A stand-in dotnet on the PATH prints what the entry point would run.
        var bin = Directory.CreateDirectory(Path.Combine(scratch, "bin")).FullName;
        var dotnet = Path.Combine(bin, "dotnet");
        await File.WriteAllTextAsync(dotnet, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(dotnet, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var (project, build) in ServiceBuilds(problems))
        {
            var image = build.Final;
            Check(image.Copies.Any(c => c.Stage is not null && c.Sources.Contains("/app")),
                $"{project}: the image does not copy the published /app from the build stage.", problems);
            var words = image.Entrypoint?.ExecForm;
            if (words is null)
            {
                problems.Add($"{project}: the image has no ENTRYPOINT in the exec (JSON) form.");
                continue;
            }
            // Build arguments are gone when a container starts: only the image's ENV reaches the entry point.
            var environment = image.Environment.ToDictionary(kv => kv.Key, kv => kv.Value);
            environment["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}";
            var run = await Shell.RunAsync(OnPath(words[0], environment["PATH"]), words.Skip(1), environment, workingDirectory: scratch);
            var argv = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Check(run.ExitCode == 0 && argv.SequenceEqual([Repo.AssemblyFile(project)]),
                $"{project}: the entry point runs dotnet {string.Join(' ', argv)} (exit {run.ExitCode}{(run.Errors.Length > 0 ? ": " + run.Errors.Trim() : "")}), expected dotnet {Repo.AssemblyFile(project)}.", problems);
        }
        AssertNone(problems);
    }

    [Fact]
    public async Task Only_the_Authoring_image_carries_the_sample_content_and_only_Authoring_seeds_it()
    {
        var problems = new List<string>();
        var samples = Directory.GetFiles(Repo.PathOf(SampleContent), "*.json").Select(Path.GetFileName).Order().ToList();
        Assert.True(samples.Count > 0, $"{SampleContent} holds no sample entries.");
        foreach (var (project, build) in ServiceBuilds(problems))
        {
            // The image's RUNs that mount the sample content, run as the build would (its ARGs and
            // ENVs in the environment, the mount where it points), in an empty stand-in for /app.
            var app = Directory.CreateDirectory(Path.Combine(scratch, project, "app")).FullName;
            foreach (var run in build.Final.Runs.Where(r => r.BindMounts.Values.Any(s => Compose.Normalize(s) == SampleContent)))
            {
                var command = run.BindMounts.Aggregate(run.ShellCommand, (c, m) => c.Replace(m.Key, Repo.PathOf(m.Value), StringComparison.Ordinal));
                var result = await Shell.RunAsync("/bin/sh", ["-c", command], run.Environment, workingDirectory: app);
                Check(result.ExitCode == 0, $"{project}: RUN {run.ShellCommand} failed: {result.Errors}", problems);
            }
            var seed = Path.Combine(app, "Seed");
            var carried = Directory.Exists(seed) ? Directory.GetFiles(seed, "*.json").Select(Path.GetFileName).Order().ToList() : [];
            if (project == "Publishing.Authoring")
                Check(carried.SequenceEqual(samples), $"{project}: the image's /app/Seed holds [{string.Join(", ", carried)}], " +
                    $"expected the sample entries of {SampleContent}: [{string.Join(", ", samples)}].", problems);
            else
                Check(carried.Count == 0, $"{project}: the image carries sample content in /app/Seed; only Authoring seeds.", problems);
        }

        var authoring = compose.ForProject("Publishing.Authoring");
        Assert.True(authoring is not null, "No compose service builds Publishing.Authoring.");
        Check(authoring.Environment.GetValueOrDefault("Seed__Enabled") == "true", $"'{authoring.Name}' should set Seed__Enabled=true.", problems);
        var others = compose.AppServices.Where(s => s != authoring && s.Environment.ContainsKey("Seed__Enabled")).Select(s => s.Name).ToList();
        Check(others.Count == 0, $"Only Authoring seeds; Seed__Enabled is also set on: {string.Join(", ", others)}.", problems);
        AssertNone(problems);
    }

    [Fact]
    public void The_dockerignore_at_the_context_root_keeps_build_output_and_local_data_out()
    {
        // Docker reads <Dockerfile>.dockerignore beside the Dockerfile instead, if there is one.
        Assert.False(File.Exists(Repo.PathOf(Repo.Dockerfile + ".dockerignore")),
            $"{Repo.Dockerfile}.dockerignore would replace the root .dockerignore for this build.");
        var path = Repo.PathOf(".dockerignore");
        Assert.True(File.Exists(path), ".dockerignore is missing at the repository root (the build context).");
        var patterns = File.ReadAllLines(path).Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);
        var missing = new[] { "**/bin/", "**/obj/", "**/data/", ".git/", "**/*.db" }.Where(p => !patterns.Contains(p)).ToList();
        Assert.True(missing.Count == 0, $".dockerignore does not exclude: {string.Join(", ", missing)}.");
    }

    /// <summary>The Dockerfile read with each deployable service's build arguments from compose.</summary>
    private List<(string Project, DockerBuild Build)> ServiceBuilds(List<string> problems)
    {
        var builds = new List<(string, DockerBuild)>();
        foreach (var project in Repo.ServiceProjects())
        {
            var service = compose.ForProject(project);
            if (service is null)
                problems.Add($"{project}: no compose service builds it (build.args.{Repo.ProjectBuildArg}: {project}).");
            else
                builds.Add((project, DockerBuild.Read(Repo.PathOf(Compose.Normalize(service.Dockerfile!)), service.BuildArgs)));
        }
        Assert.True(builds.Count > 0 || problems.Count > 0, "There are no service projects to build.");
        return builds;
    }

    /// <summary>A program as the container would find it: a path as is, a bare name on its PATH.</summary>
    private static string OnPath(string program, string path) => program.Contains('/')
        ? program
        : path.Split(':').Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists) ?? program;

    /// <summary>Whether copying <paramref name="source"/> brings in <paramref name="folder"/> (or a file of it).</summary>
    private static bool Covers(string source, string folder) =>
        source is "" or "." || source == folder
        || folder.StartsWith(source + "/", StringComparison.Ordinal)
        || source.StartsWith(folder + "/", StringComparison.Ordinal);

    private static void Check(bool ok, string problem, List<string> problems)
    {
        if (!ok) problems.Add(problem);
    }

    private static void AssertNone(List<string> problems)
    {
        if (problems.Count > 0) Assert.Fail(string.Join(Environment.NewLine, problems));
    }
}
