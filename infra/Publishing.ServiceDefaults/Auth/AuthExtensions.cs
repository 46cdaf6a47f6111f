using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Microsoft.IdentityModel.Protocols;

namespace Publishing.ServiceDefaults.Auth;

public static class AuthExtensions
{
    public static WebApplicationBuilder AddPublishingAuth(this WebApplicationBuilder builder)
    {
        var settings = AuthSettings.From(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton(settings);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                // Keep the claim names of docs/api.md (sub, role, name) instead of the legacy SOAP URIs.
                o.MapInboundClaims = false;
                if (settings.Authority is { } authority)
                {
                    o.Authority = authority.ToString();
                    o.RequireHttpsMetadata = authority.Scheme == Uri.UriSchemeHttps; // http only passes AuthSettings in Development
                    o.BackchannelHttpHandler = AuthorityBackchannel.Create(settings.AuthorityCaCertificate);
                    o.AutomaticRefreshInterval = settings.MetadataRefreshInterval;
                    // A token with a key id the cached keys lack re-reads them at once (a rotation), at most this often.
                    o.RefreshInterval = settings.KeyRefreshMinimumInterval;
                }
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    // The dev issuer's name and key exist only in Development; the provider's come from its discovery document.
                    ValidIssuer = settings.SigningKey is null ? null : settings.Issuer,
                    ValidAudience = settings.Audience,
                    IssuerSigningKey = settings.SigningKey,
                    ValidateIssuerSigningKey = true,
                    RequireSignedTokens = true,
                    NameClaimType = "name",
                    RoleClaimType = "role",
                    ClockSkew = settings.ClockSkew,
                };
                o.Events = new JwtBearerEvents { OnTokenValidated = context => TokenClaims.Normalize(context, settings) };
            });

        // Runs after JwtBearer's own post-configuration, which creates the metadata manager. Left on, a key the
        // provider has retired (perhaps because it leaked) would still validate tokens for an hour as part of a
        // "last known good" configuration; a failed refresh keeps the current keys anyway.
        builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o =>
        {
            if (o.ConfigurationManager is BaseConfigurationManager manager) manager.UseLastKnownGoodConfiguration = false;
        });
        builder.Services.AddHostedService<AuthOptionsCheck>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Editor, p => p.RequireRole(Roles.Editor))
            .AddPolicy(Policies.Reviewer, p => p.RequireRole(Roles.Reviewer))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.ReviewerOrAdmin, p => p.RequireRole(Roles.Reviewer, Roles.Admin))
            .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.Editor, Roles.Reviewer, Roles.Admin))
            .AddPolicy(Policies.Service, p => p.RequireRole(Roles.Service));
        // No fallback policy: it would also answer 401 for routes that do not exist. Instead every
        // endpoint states its decision, and a test enumerates every host's endpoints to prove it.
        return builder;
    }
}

/// <summary>
/// Makes a validated token look the same whichever provider signed it: roles and the qualification
/// under the claim names of docs/api.md, and a subject, without which no approval could name its author.
/// </summary>
internal static class TokenClaims
{
    public static Task Normalize(TokenValidatedContext context, AuthSettings settings)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity || string.IsNullOrWhiteSpace(identity.FindFirst("sub")?.Value))
        {
            context.Fail("The token names no subject ('sub'), so nothing it does could be attributed to anyone.");
            return Task.CompletedTask;
        }
        Copy(identity, settings.RoleClaim, "role");
        Copy(identity, settings.QualificationClaim, "qualification");
        return Task.CompletedTask;
    }

    private static void Copy(ClaimsIdentity identity, string from, string to)
    {
        if (from == to) return;
        foreach (var claim in identity.FindAll(from).ToList())
            if (!identity.HasClaim(to, claim.Value)) identity.AddClaim(new Claim(to, claim.Value));
    }
}
