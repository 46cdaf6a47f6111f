using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Publishing.Review.Data;

// Used only by `dotnet ef migrations add`; the running service configures the context from settings.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<ReviewDbContext>
{
    public ReviewDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ReviewDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<ReviewSqlServerDbContext>
{
    public ReviewSqlServerDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ReviewSqlServerDbContext>().UseSqlServer("Server=design;Database=design").Options);
}
