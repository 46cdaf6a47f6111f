using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Publishing.ServiceDefaults.Limits;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.ServiceDefaults.Auth;

public sealed record DevTokenRequest(string? UserId, string? Name, string[]? Roles, string? Qualification);

public sealed record DevTokenResponse(string AccessToken, DateTimeOffset ExpiresAt);

/// <summary>
/// <c>POST /api/dev/tokens</c>: signs a token for any user, for local runs and tests. Mapped only
/// where <c>Auth:DevIssuer:Enabled</c> is true, which only Development allows, so elsewhere the route
/// is a plain 404. Rate limited, and every claim is short and clean, so it cannot be made to sign
/// megabyte tokens.
/// </summary>
public static class DevTokenEndpoint
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);
    public const int MaxClaimLength = 200;

    public static IEndpointRouteBuilder MapDevTokens(this IEndpointRouteBuilder app)
    {
        var settings = app.ServiceProvider.GetRequiredService<AuthSettings>();
        if (!settings.DevIssuerEnabled) return app;
        app.MapPost("/api/dev/tokens", (DevTokenRequest request, TimeProvider clock) => Issue(request, settings, clock))
            .WithTags("Development")
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.Tokens);
        return app;
    }

    private static Results<Ok<DevTokenResponse>, ValidationProblem> Issue(DevTokenRequest request, AuthSettings settings, TimeProvider clock)
    {
        var errors = new Dictionary<string, string[]>();
        CheckClaim("userId", request.UserId, required: true);
        CheckClaim("name", request.Name, required: true);
        CheckClaim("qualification", request.Qualification, required: false);
        var roles = request.Roles ?? [];
        if (roles.Length == 0) errors["roles"] = ["At least one role is required."];
        else if (roles.Length > Roles.All.Count) errors["roles"] = [$"At most {Roles.All.Count} roles."];
        else if (roles.FirstOrDefault(r => !Roles.All.Contains(r)) is { } unknown)
            errors["roles"] = [$"'{unknown}' is not a role; use editor, reviewer or admin."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        void CheckClaim(string field, string? value, bool required)
        {
            if (string.IsNullOrWhiteSpace(value)) { if (required) errors[field] = [$"{field} is required."]; }
            else if (value.Length > MaxClaimLength) errors[field] = [$"{field} is at most {MaxClaimLength} characters."];
            else TextHygiene.Check(errors, field, value);
        }

        var claims = new List<Claim> { new("sub", request.UserId!), new("name", request.Name!) };
        claims.AddRange(roles.Distinct().Select(r => new Claim("role", r)));
        if (!string.IsNullOrWhiteSpace(request.Qualification)) claims.Add(new Claim("qualification", request.Qualification));

        var now = clock.GetUtcNow();
        var expires = now + Lifetime;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(settings.SigningKey, SecurityAlgorithms.HmacSha256),
        });
        return TypedResults.Ok(new DevTokenResponse(token, expires));
    }
}
