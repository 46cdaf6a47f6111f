using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Publishing.Messaging.KeyRing;

/// <summary>
/// Data Protection's key ring stored in a service's own database, so every instance of the service
/// shares it and it survives restarts and redeployments (a container's file system does not).
/// </summary>
internal sealed class DatabaseXmlRepository<TContext>(IServiceScopeFactory scopes) : IXmlRepository
    where TContext : DbContext
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        return db.Set<DataProtectionKey>().AsNoTracking().OrderBy(k => k.Id).AsEnumerable().Select(k => XElement.Parse(k.Xml)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        db.Set<DataProtectionKey>().Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}
