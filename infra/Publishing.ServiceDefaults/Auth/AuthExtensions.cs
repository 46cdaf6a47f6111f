using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Publishing.ServiceDefaults.Auth;

public static class AuthExtensions
{
    public static WebApplicationBuilder AddPublishingAuth(this WebApplicationBuilder builder)
    {
        var settings = AuthSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                // Keep the claim names of api.md (sub, role, name) instead of the legacy SOAP URIs.
                o.MapInboundClaims = false;
                if (settings.Authority is { } authority) o.Authority = authority;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = settings.Issuer,
                    ValidAudience = settings.Audience,
                    IssuerSigningKey = settings.SigningKey,
                    ValidateIssuerSigningKey = settings.SigningKey is not null,
                    NameClaimType = "name",
                    RoleClaimType = "role",
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
            });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Editor, p => p.RequireRole(Roles.Editor))
            .AddPolicy(Policies.Reviewer, p => p.RequireRole(Roles.Reviewer))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.ReviewerOrAdmin, p => p.RequireRole(Roles.Reviewer, Roles.Admin))
            .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.Editor, Roles.Reviewer, Roles.Admin));
        return builder;
    }
}
