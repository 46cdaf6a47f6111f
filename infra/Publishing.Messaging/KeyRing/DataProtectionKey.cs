using Microsoft.EntityFrameworkCore;

namespace Publishing.Messaging.KeyRing;

/// <summary>One element of a Data Protection key ring: a key (encrypted outside Development) or a revocation, as XML.</summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }
    public string? FriendlyName { get; set; }
    public required string Xml { get; set; }
}

public static class DataProtectionKeyModel
{
    public const string Table = "DataProtectionKeys";

    /// <summary>Adds the key ring's table to a service's own database (see <see cref="KeyRingExtensions"/>).</summary>
    public static ModelBuilder AddDataProtectionKeys(this ModelBuilder model)
    {
        model.Entity<DataProtectionKey>(e =>
        {
            e.ToTable(Table);
            e.HasKey(k => k.Id);
            e.Property(k => k.FriendlyName).HasMaxLength(200);
        });
        return model;
    }
}
