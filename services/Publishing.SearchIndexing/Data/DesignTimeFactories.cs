using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Publishing.SearchIndexing.Data;

// Used only by `dotnet ef migrations add`; the running service configures the context from settings.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SearchDbContext>
{
    public SearchDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SearchDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SearchSqlServerDbContext>
{
    public SearchSqlServerDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SearchSqlServerDbContext>().UseSqlServer("Server=design;Database=design").Options);
}
