using System.Data.Common;

namespace Publishing.Deployment.Tests;

/// <summary>
/// Keeps docker-compose.yml and infra/run-local.sh in step with the service projects (the Dockerfile
/// has <see cref="DockerfileTests"/>). Docker is not needed: the files are read, not run.
/// </summary>
public sealed class DeploymentTests
{
    private static readonly string[] Infrastructure = ["rabbitmq", "sqlserver"];
    private const string RunLocal = "infra/run-local.sh";

    private readonly Compose compose = Compose.Load();

    [Fact]
    public void There_are_service_projects_to_deploy() =>
        Assert.True(Repo.ServiceProjects().Count > 0, $"No service projects found under {Repo.PathOf("services")}.");

    [Fact]
    public void RabbitMq_and_SqlServer_have_healthchecks()
    {
        var problems = new List<string>();
        foreach (var name in Infrastructure)
        {
            if (!compose.Services.TryGetValue(name, out var service))
                problems.Add($"{Compose.FileName} has no '{name}' service.");
            else if (string.IsNullOrWhiteSpace(service.HealthcheckTest))
                problems.Add($"compose service '{name}' has no healthcheck test (the app services wait for it to be healthy).");
        }
        AssertNone(problems);
    }

    [Fact]
    public void App_services_wait_for_healthy_infrastructure_and_have_their_own_healthcheck()
    {
        var problems = new List<string>();
        foreach (var service in AppServicesFor(problems))
        {
            var dependsOn = service.DependsOn;
            var usesBus = compose.UsesBus(service);
            if (!usesBus && dependsOn.ContainsKey("rabbitmq"))
                problems.Add($"'{service.Name}' depends_on 'rabbitmq', but its host has no bus.");
            foreach (var dependency in Infrastructure.Where(d => usesBus || d != "rabbitmq"))
            {
                if (!dependsOn.TryGetValue(dependency, out var condition))
                    problems.Add($"'{service.Name}' does not depend_on '{dependency}'.");
                else if (condition != "service_healthy")
                    problems.Add($"'{service.Name}' depends_on '{dependency}' with condition '{condition ?? "(none)"}', expected service_healthy.");
            }
            var test = service.HealthcheckTest;
            if (string.IsNullOrWhiteSpace(test))
                problems.Add($"'{service.Name}' has no healthcheck.");
            else if (!test.Contains("/health/ready", StringComparison.Ordinal))
                problems.Add($"'{service.Name}' healthcheck should probe /health/ready, it runs: {test}");
        }
        AssertNone(problems);
    }

    [Fact]
    public void Each_app_service_has_its_own_database_under_the_name_its_host_reads()
    {
        var problems = new List<string>();
        var owners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var project in Repo.ServiceProjects())
        {
            var service = compose.ForProject(project);
            if (service is null)
            {
                problems.Add($"{project}: no compose service builds it (see DockerfileTests).");
                continue;
            }
            var names = Repo.DatabaseNames(project);
            if (names.Count == 0)
            {
                problems.Add($"{project}: no AddServiceDatabase<...>(\"Name\") call found in its *Host.cs, so its connection string name is unknown.");
                continue;
            }
            var environment = service.Environment;
            foreach (var name in names)
            {
                var key = $"ConnectionStrings__{name}";
                if (!environment.TryGetValue(key, out var connection) || string.IsNullOrWhiteSpace(connection))
                {
                    problems.Add($"'{service.Name}' does not set {key} (its host calls AddServiceDatabase(\"{name}\")).");
                    continue;
                }
                var database = DatabaseName(connection);
                if (database is null)
                    problems.Add($"'{service.Name}' {key} names no Database (or Initial Catalog): {connection}");
                else if (owners.TryGetValue(database, out var other))
                    problems.Add($"'{service.Name}' and '{other}' share the database '{database}'; each service owns its own.");
                else
                    owners[database] = service.Name;
            }
        }
        AssertNone(problems);
    }

    [Fact]
    public void Run_local_script_exists_is_executable_and_starts_every_service()
    {
        var path = Repo.PathOf(RunLocal);
        Assert.True(File.Exists(path), $"{RunLocal} is missing.");
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            Assert.True(mode.HasFlag(UnixFileMode.UserExecute), $"{RunLocal} is not executable (mode {mode}); chmod +x it.");
        }
        var text = File.ReadAllText(path);
        Assert.True(text.Contains("set -euo pipefail", StringComparison.Ordinal), $"{RunLocal} should `set -euo pipefail`.");
        var missing = Repo.ServiceProjects().Where(p => !text.Contains(p, StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"{RunLocal} does not start: {string.Join(", ", missing)}.");
    }

    [Fact]
    public async Task Run_local_script_parses()
    {
        var path = Repo.PathOf(RunLocal);
        Assert.True(File.Exists(path), $"{RunLocal} is missing.");
        var bash = await Shell.RunAsync("bash", ["-n", path]);
        Assert.True(bash.ExitCode == 0, $"bash -n {RunLocal} failed (exit {bash.ExitCode}): {bash.Errors}");
    }

    [Fact]
    public void Run_local_runs_the_services_in_Development_with_their_public_and_rebuild_addresses()
    {
        // The dev token issuer and shared signing key it turns on are refused by any other environment.
        var text = File.ReadAllText(Repo.PathOf(RunLocal));
        foreach (var setting in new[]
                 {
                     "ASPNETCORE_ENVIRONMENT=Development", "PublicBaseUrl=", "http://localhost:5103/", "http://localhost:5100/",
                     "Services__Authoring=http://localhost:5101",
                 })
            Assert.True(text.Contains(setting, StringComparison.Ordinal), $"{RunLocal} should set {setting}.");
        Assert.DoesNotContain("ASPNETCORE_ENVIRONMENT=Production", text);
    }

    private List<ComposeService> AppServicesFor(List<string> problems)
    {
        var services = compose.AppServices.ToList();
        if (services.Count == 0) problems.Add($"{Compose.FileName} builds no application services.");
        return services;
    }

    private static string? DatabaseName(string connection)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connection };
        foreach (var key in new[] { "Database", "Initial Catalog" })
        {
            if (builder.TryGetValue(key, out var value) && value is string name && name.Length > 0) return name;
        }
        return null;
    }

    private static void AssertNone(List<string> problems)
    {
        if (problems.Count > 0) Assert.Fail(string.Join(Environment.NewLine, problems));
    }
}
