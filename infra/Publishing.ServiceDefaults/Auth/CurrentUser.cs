using System.Security.Claims;

namespace Publishing.ServiceDefaults.Auth;

/// <summary>The caller as the claims of docs/api.md describe them: sub, name, role, qualification.</summary>
public sealed record CurrentUser(string Id, string Name, IReadOnlySet<string> Roles, string? Qualification)
{
    public static CurrentUser From(ClaimsPrincipal principal)
    {
        var id = principal.FindFirstValue("sub")
            ?? throw new InvalidOperationException("An authenticated caller has no 'sub' claim.");
        return new CurrentUser(
            id,
            principal.FindFirstValue("name") ?? id,
            principal.FindAll("role").Select(c => c.Value).ToHashSet(),
            principal.FindFirstValue("qualification"));
    }

    public bool IsIn(string role) => Roles.Contains(role);
}
