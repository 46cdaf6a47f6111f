using Publishing.Notifications.Data;
using Publishing.ServiceDefaults.Auth;

namespace Publishing.Notifications.Email;

/// <summary>One person on staff, from <c>Notifications:Staff</c>.</summary>
public sealed class StaffMember
{
    /// <summary>The user id (token <c>sub</c>), to find a subscription's owner; optional.</summary>
    public string? Id { get; set; }

    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public string[] Roles { get; set; } = [];
}

/// <summary>Who is on staff, with which roles and addresses: configuration, or dev users when the dev issuer is on.</summary>
public sealed class StaffDirectory
{
    private readonly IReadOnlyList<StaffMember> _members;

    public StaffDirectory(IConfiguration config)
    {
        var configured = config.GetSection("Notifications:Staff").Get<List<StaffMember>>() ?? [];
        _members = configured.Count == 0 && config.GetValue("Auth:DevIssuer:Enabled", false)
            ? DevDefaults
            : configured.Where(m => !string.IsNullOrWhiteSpace(m.Email)).ToList();
    }

    public IReadOnlyList<StaffMember> Members => _members;

    /// <summary>The users the dev token examples and seeded content use, at example.org.</summary>
    public static readonly IReadOnlyList<StaffMember> DevDefaults =
    [
        new() { Id = "editor-1", Name = "Eve Editor", Email = "editor-1@example.org", Roles = [Roles.Editor] },
        new() { Id = "reviewer-1", Name = "Rita Reviewer", Email = "reviewer-1@example.org", Roles = [Roles.Reviewer] },
        new() { Id = "reviewer-2", Name = "Rob Reviewer", Email = "reviewer-2@example.org", Roles = [Roles.Reviewer] },
        new() { Id = "admin-1", Name = "Ada Admin", Email = "admin-1@example.org", Roles = [Roles.Admin] },
    ];

    public IReadOnlyList<StaffMember> WithRole(params string[] roles) =>
        _members.Where(m => m.Roles.Any(r => roles.Contains(r, StringComparer.OrdinalIgnoreCase)))
            .DistinctBy(m => m.Email, StringComparer.OrdinalIgnoreCase)
            .ToList();

    /// <summary>A user by id, else by display name.</summary>
    public StaffMember? Find(string id, string name) =>
        _members.FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.Ordinal))
        ?? _members.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Who to tell about a subscription: its owner, else the admins.</summary>
    public IReadOnlyList<Recipient> OwnerOf(Subscription s)
    {
        if (!string.IsNullOrWhiteSpace(s.OwnerEmail)) return [new Recipient(s.OwnerName, s.OwnerEmail)];
        if (Find(s.OwnerId, s.OwnerName) is { } owner) return [new Recipient(owner.Name, owner.Email)];
        return WithRole(Roles.Admin).Select(m => new Recipient(m.Name, m.Email)).ToList();
    }
}

public sealed record Recipient(string Name, string Email);
