using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Publishing.Messaging.Database;

namespace Publishing.Studio.Data;

/// <summary>
/// The Studio's own database. It holds no content (that belongs to the services and is reached
/// through their APIs), only the Data Protection key ring that encrypts the sign-in cookie and the
/// antiforgery tokens, so they stay valid across restarts and across Studio instances.
/// </summary>
public class StudioDbContext : ServiceDbContext
{
    public StudioDbContext(DbContextOptions<StudioDbContext> options) : base(options) { }

    protected StudioDbContext(DbContextOptions options) : base(options) { }

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.AddMessagingTables(); // the shared registration's outbox; the Studio never stages events
        model.Entity<DataProtectionKey>(e =>
        {
            e.ToTable("DataProtectionKeys");
            e.HasKey(k => k.Id);
            e.Property(k => k.FriendlyName).HasMaxLength(200);
        });
    }
}

/// <summary>The SQL Server flavour (the shared registration keeps one context type per provider).</summary>
public sealed class StudioSqlServerDbContext(DbContextOptions<StudioSqlServerDbContext> options) : StudioDbContext(options);

public sealed class DataProtectionKey
{
    public int Id { get; set; }
    public string? FriendlyName { get; set; }
    public required string Xml { get; set; }
}

/// <summary>Data Protection's key ring stored in <see cref="StudioDbContext"/>.</summary>
internal sealed class DatabaseXmlRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StudioDbContext>();
        return db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).AsEnumerable().Select(k => XElement.Parse(k.Xml)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StudioDbContext>();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}

public static class KeyRingExtensions
{
    public static IServiceCollection AddStudioKeyRing(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("publishing-studio");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<IServiceScopeFactory>())));
        return services;
    }
}
