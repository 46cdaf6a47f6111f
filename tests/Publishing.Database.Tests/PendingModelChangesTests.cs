using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Publishing.Database.Tests;

public class PendingModelChangesTests
{
    [Theory]
    [MemberData(nameof(ServiceDatabase.ServicesAndProviders), MemberType = typeof(ServiceDatabase))]
    public void Model_matches_the_latest_migration_for_each_provider(string project, Provider provider)
    {
        var service = ServiceDatabase.All[project];
        using var db = provider == Provider.Sqlite
            ? service.Sqlite(Path.Combine(Path.GetTempPath(), "unused.db")) // never opened
            : service.SqlServer();

        Assert.False(db.Database.HasPendingModelChanges(),
            $"""
            {service.Context(provider).Name} ({provider}) has model changes that no migration captures.
            The model is shared by both providers, so add a migration for BOTH, with the same name:
              dotnet ef migrations add <Name> --project services/{project} --context {service.SqliteContext.Name} --output-dir Migrations/Sqlite
              dotnet ef migrations add <Name> --project services/{project} --context {service.SqlServerContext.Name} --output-dir Migrations/SqlServer
            """);
    }
}
