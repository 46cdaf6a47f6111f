using Publishing.ServiceDefaults.Auth;
using Publishing.ServiceDefaults.Hosting;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Publishing.Studio.Auth;

/// <summary>
/// Sign-in for the Studio: a cookie that carries the user's API access token. In Development with
/// <c>Auth:DevIssuer:Enabled</c> the token comes from <c>POST /api/dev/tokens</c> for one of the
/// <see cref="DevUsers"/>; everywhere else only from the organisation's OpenID Connect provider
/// (<c>Studio:Oidc:*</c>, the authority defaulting to <c>Auth:Authority</c>), and a Studio with no way
/// to sign in refuses to start. The services' default scheme (JWT bearer) is left alone: the
/// Studio's pages name their own scheme.
/// </summary>
public static class StudioAuth
{
    public const string Scheme = "Studio";
    public const string OidcScheme = "StudioOidc";
    public const string AccessToken = "access_token";

    public const string StaffPolicy = "studio-staff";
    public const string ReviewerPolicy = "studio-reviewer";
    public const string AdminPolicy = "studio-admin";

    public static WebApplicationBuilder AddStudioAuth(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var development = builder.Environment.IsDevelopment();
        var oidc = OidcSettings.From(config, development);
        var devUsers = DevUsers.From(config, AuthSettings.From(config, builder.Environment).DevIssuerEnabled);
        if (!oidc.Enabled && !devUsers.Enabled)
            throw new StartupRefusedException(
                "The Studio has no way to sign in: set Studio:Oidc:ClientId (and Studio:Oidc:Authority, or Auth:Authority) " +
                "for your OpenID Connect provider (see docs/security.md). The development sign-in exists only in Development.");
        builder.Services.AddSingleton(oidc);
        builder.Services.AddSingleton(devUsers);
        // Behind https the cookies must never travel over plain http; only a developer's http://localhost may.
        var secure = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        builder.Services.AddAntiforgery(o => o.Cookie.SecurePolicy = secure);
        builder.Services.AddSingleton<AccessTokenRefresh>();
        if (oidc.Enabled)
        {
            // The sign-in and sign-out forms end in a redirect to the provider's pages, which form-action must allow.
            builder.Services.AddSingleton<ProviderBrowserOrigins>();
            builder.Services.AddHostedService<ProviderBrowserOriginsCheck>();
            builder.Services.AddOptions<SecurityHeadersOptions>()
                .Configure<ProviderBrowserOrigins>((o, provider) => o.FormActionOrigins.AddRange(provider.Origins));
        }

        var auth = builder.Services.AddAuthentication()
            .AddCookie(Scheme, o =>
            {
                o.Cookie.Name = "publishing-studio";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = secure;
                o.LoginPath = "/SignIn";
                o.LogoutPath = "/SignOut";
                o.AccessDeniedPath = "/AccessDenied";
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = false;
                // The cookie is useless once the API token inside it has expired: renew it before then, or end it.
                o.Events.OnValidatePrincipal = context =>
                    context.HttpContext.RequestServices.GetRequiredService<AccessTokenRefresh>().ValidatePrincipalAsync(context);
            });

        if (oidc.Enabled)
        {
            var origin = PublicOrigin.AddPublicOrigin(builder);
            auth.AddOpenIdConnect(OidcScheme, o =>
            {
                o.SignInScheme = Scheme;
                o.Authority = oidc.Authority!.ToString();
                o.BackchannelHttpHandler = AuthorityBackchannel.Create(oidc.CaCertificate);
                o.ClientId = oidc.ClientId;
                o.ClientSecret = oidc.ClientSecret;
                o.ResponseType = OpenIdConnectResponseType.Code;
                o.UsePkce = true;
                o.SaveTokens = true; // access_token, expires_at, refresh_token: what the API calls send and renew
                o.GetClaimsFromUserInfoEndpoint = true;
                o.MapInboundClaims = false;
                o.RequireHttpsMetadata = oidc.Authority.Scheme == Uri.UriSchemeHttps; // http passes OidcSettings only in Development
                o.CallbackPath = "/signin-oidc";
                o.SignedOutCallbackPath = "/signout-callback-oidc";
                o.Scope.Clear();
                foreach (var scope in oidc.Scopes) o.Scope.Add(scope);
                // The provider sends the browser back to PublicBaseUrl, never to whatever Host the request named.
                var callback = origin.Link("signin-oidc").AbsoluteUri;
                o.Events.OnRedirectToIdentityProvider = c =>
                {
                    c.ProtocolMessage.RedirectUri = callback; // the handler keeps this one for the code exchange too
                    if (oidc.Audience is { } audience) c.ProtocolMessage.SetParameter("audience", audience);
                    return Task.CompletedTask;
                };
                o.Events.OnRedirectToIdentityProviderForSignOut = c =>
                {
                    c.ProtocolMessage.PostLogoutRedirectUri = origin.Link("signout-callback-oidc").AbsoluteUri;
                    return Task.CompletedTask;
                };
                o.Events.OnTokenValidated = c =>
                {
                    if (string.IsNullOrEmpty(c.TokenEndpointResponse?.RefreshToken))
                        c.HttpContext.RequestServices.GetRequiredService<ILogger<AccessTokenRefresh>>().LogWarning(
                            "The provider issued no refresh token, so this person is signed out when their access token expires. " +
                            "Ask for one in Studio:Oidc:Scopes (offline_access for most providers) or in the provider's client settings.");
                    return Task.CompletedTask;
                };
                o.TokenValidationParameters.NameClaimType = "name";
                o.TokenValidationParameters.RoleClaimType = oidc.RoleClaim;
            });
        }

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireRole("editor", "reviewer", "admin"))
            .AddPolicy(ReviewerPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireRole("reviewer", "admin"))
            .AddPolicy(AdminPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireRole("admin"));
        return builder;
    }

    /// <summary>Signs a dev user in with a token the dev issuer signed for them.</summary>
    public static Task SignInDevUserAsync(HttpContext http, DevUser user, string accessToken, DateTimeOffset expiresAt)
    {
        var claims = new List<Claim> { new("sub", user.Id), new("name", user.Name) };
        claims.AddRange(user.Roles.Select(r => new Claim("role", r)));
        if (!string.IsNullOrWhiteSpace(user.Qualification)) claims.Add(new Claim("qualification", user.Qualification));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, "name", "role"));
        var properties = new AuthenticationProperties { IsPersistent = false, ExpiresUtc = expiresAt, AllowRefresh = false };
        properties.StoreTokens(
        [
            new AuthenticationToken { Name = AccessToken, Value = accessToken },
            new AuthenticationToken { Name = AccessTokenRefresh.ExpiresAt, Value = expiresAt.ToString("o", System.Globalization.CultureInfo.InvariantCulture) },
        ]);
        return http.SignInAsync(Scheme, principal, properties);
    }
}

/// <summary>The signed-in Studio user, read from the cookie's claims.</summary>
public sealed record StudioUser(string Id, string Name, IReadOnlySet<string> Roles, string? Qualification)
{
    public static StudioUser? From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true || principal.FindFirst("sub")?.Value is not { } id) return null;
        return new StudioUser(id, principal.FindFirst("name")?.Value ?? id,
            principal.FindAll("role").Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
            principal.FindFirst("qualification")?.Value);
    }

    public bool IsEditor => Roles.Contains("editor");
    public bool IsReviewer => Roles.Contains("reviewer");
    public bool IsAdmin => Roles.Contains("admin");
    public bool CanWithdraw => IsReviewer || IsAdmin;
    public string RoleText => string.Join(", ", Roles.Order(StringComparer.Ordinal));
}

/// <summary>
/// <c>Studio:Oidc:*</c>: the organisation's identity provider, for production sign-in. The authority
/// and its CA default to <c>Auth:Authority</c> and <c>Auth:AuthorityCaCertificate</c>, the provider the
/// APIs already trust; it must be https outside Development. The scopes default to
/// <see cref="DefaultScopes"/>: <c>offline_access</c> is how OpenID Connect asks for the refresh token that
/// keeps the API token fresh (<see cref="AccessTokenRefresh"/>); Keycloak issues one without it and refuses
/// scopes a client lacks, so there it is <c>openid profile</c>. <c>BrowserOrigin</c>, when set, is where browsers
/// reach the provider's sign-in and sign-out pages; unset, its discovery document says (<see cref="ProviderBrowserOrigins"/>).
/// </summary>
public sealed record OidcSettings(Uri? Authority, string? ClientId, string? ClientSecret, string[] Scopes, string RoleClaim,
    string? Audience, string? CaCertificate, string DisplayName, Uri? BrowserOrigin = null)
{
    public const string DefaultScopes = "openid profile offline_access";

    public bool Enabled => Authority is not null && !string.IsNullOrWhiteSpace(ClientId);

    public static OidcSettings From(IConfiguration config, bool development)
    {
        var section = config.GetSection("Studio:Oidc");
        var scopes = (section["Scopes"] ?? DefaultScopes).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var authority = section["Authority"] is { Length: > 0 } own
            ? AuthSettings.ParseAuthority(own, development, "Studio:Oidc:Authority")
            : AuthSettings.ParseAuthority(config["Auth:Authority"], development);
        return new OidcSettings(authority, section["ClientId"], section["ClientSecret"], scopes,
            section["RoleClaim"] ?? config["Auth:Claims:Role"] ?? "role", section["Audience"],
            section["CaCertificate"] is { Length: > 0 } ca ? ca : config["Auth:AuthorityCaCertificate"] is { Length: > 0 } authCa ? authCa : null,
            section["DisplayName"] ?? "your organisation's account",
            ParseBrowserOrigin(section["BrowserOrigin"], development));
    }

    private static Uri? ParseBrowserOrigin(string? value, bool development)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.PathAndQuery != "/")
            throw new StartupRefusedException($"Studio:Oidc:BrowserOrigin '{value}' is not an origin (https://host[:port]).");
        if (uri.Scheme != Uri.UriSchemeHttps && !development)
            throw new StartupRefusedException($"Studio:Oidc:BrowserOrigin '{value}' is not https: people type their passwords there.");
        return uri;
    }
}
