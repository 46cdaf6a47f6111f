using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Publishing.Authoring.Data;

// Used only by `dotnet ef migrations add`; the running service configures the context from settings.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<AuthoringDbContext>
{
    public AuthoringDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AuthoringDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<AuthoringSqlServerDbContext>
{
    public AuthoringSqlServerDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AuthoringSqlServerDbContext>().UseSqlServer("Server=design;Database=design").Options);
}
