namespace Publishing.IdentityProvider;

/// <summary>A person who can sign in: from <c>Users:N:*</c>.</summary>
public sealed record IdpUser(string Username, string Password, string Subject, string Name, string[] Roles, string? Qualification);

/// <summary>A machine client using client credentials: from <c>Clients:Services:N:*</c>. Its token's subject is its id.</summary>
public sealed record ServiceClient(string ClientId, string ClientSecret, string[] Roles);

/// <summary>The Studio: a confidential web client using the authorization code flow with PKCE.</summary>
public sealed record StudioClient(string ClientId, string ClientSecret, Uri[] RedirectUris, Uri[] PostLogoutRedirectUris);

/// <summary>
/// Everything the provider does comes from configuration (command line or environment), so a test
/// can start it as a process with its own users, clients, keys and token lifetimes. <c>BrowserOrigin</c>, when
/// set (e.g. <c>https://localhost:PORT/</c> while the issuer is <c>https://127.0.0.1:PORT/</c>), is where browsers
/// reach the sign-in and sign-out pages, as Keycloak's frontend URL is: discovery names it for the authorization and
/// end-session endpoints only, and everything else stays at the issuer.
/// </summary>
public sealed record IdpSettings(
    Uri Issuer,
    Uri? BrowserOrigin,
    string Audience,
    string[] OtherAudiences,
    TimeSpan AccessTokenLifetime,
    TimeSpan RefreshTokenLifetime,
    string KeysDirectory,
    string DatabasePath,
    string TestClientId,
    StudioClient? Studio,
    IReadOnlyList<ServiceClient> Services,
    IReadOnlyList<IdpUser> Users)
{
    /// <summary>Every audience a token may be issued for: ours first, then the ones tests use to prove refusal.</summary>
    public IEnumerable<string> Resources => OtherAudiences.Prepend(Audience);

    public IdpUser? FindUser(string? username) =>
        Users.FirstOrDefault(u => string.Equals(u.Username, username, StringComparison.OrdinalIgnoreCase));

    public IdpUser? FindUserBySubject(string? subject) => Users.FirstOrDefault(u => u.Subject == subject);

    public ServiceClient? FindService(string? clientId) => Services.FirstOrDefault(s => s.ClientId == clientId);

    public static IdpSettings From(IConfiguration config)
    {
        var studio = config.GetSection("Clients:Studio");
        return new IdpSettings(
            IssuerFrom(config),
            string.IsNullOrWhiteSpace(config["BrowserOrigin"]) ? null : new Uri(config["BrowserOrigin"]!.TrimEnd('/') + "/"),
            config["Tokens:Audience"] ?? "publishing",
            Strings(config.GetSection("Tokens:OtherAudiences")) is { Length: > 0 } others ? others : ["other-api"],
            config.GetValue("Tokens:AccessTokenLifetime", TimeSpan.FromMinutes(10)),
            config.GetValue("Tokens:RefreshTokenLifetime", TimeSpan.FromHours(1)),
            config["Keys:Directory"] ?? throw new InvalidOperationException("Keys:Directory (a folder of RSA private key PEM files) is required."),
            // A fresh database per run unless told otherwise: registrations are re-created from configuration at start.
            config["Database:Path"] ?? Path.Combine(Path.GetTempPath(), $"publishing-idp-{Guid.NewGuid():N}.db"),
            config["Clients:Tests:ClientId"] ?? "publishing-tests",
            // The Studio is registered only when it has a secret: a confidential client without one is no client.
            string.IsNullOrWhiteSpace(studio["ClientSecret"]) ? null : new StudioClient(
                studio["ClientId"] ?? "publishing-studio",
                studio["ClientSecret"]!,
                Strings(studio.GetSection("RedirectUris")).Select(u => new Uri(u)).ToArray(),
                Strings(studio.GetSection("PostLogoutRedirectUris")).Select(u => new Uri(u)).ToArray()),
            config.GetSection("Clients:Services").GetChildren().Select(s => new ServiceClient(
                Required(s, "ClientId"), Required(s, "ClientSecret"), Strings(s.GetSection("Roles")))).ToList(),
            config.GetSection("Users").GetChildren().Select(u => new IdpUser(
                Required(u, "Username"), Required(u, "Password"), u["Subject"] ?? Required(u, "Username"),
                u["Name"] ?? Required(u, "Username"), Strings(u.GetSection("Roles")),
                string.IsNullOrWhiteSpace(u["Qualification"]) ? null : u["Qualification"])).ToList());
    }

    /// <summary>
    /// The issuer is the https origin the provider listens on (<c>--urls</c>), unless <c>Issuer</c> says
    /// otherwise: tokens and discovery must name the address clients actually use.
    /// </summary>
    private static Uri IssuerFrom(IConfiguration config)
    {
        var issuer = config["Issuer"]
            ?? (config["urls"] ?? config["Urls"])?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .FirstOrDefault(u => u.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException("Set --urls https://127.0.0.1:<port> (or Issuer): the issuer is the https origin.");
        return new Uri(issuer.TrimEnd('/') + "/");
    }

    private static string Required(IConfigurationSection section, string key) =>
        section[key] is { Length: > 0 } value ? value : throw new InvalidOperationException($"{section.Path}:{key} is required.");

    private static string[] Strings(IConfigurationSection section) =>
        section.GetChildren().Select(c => c.Value).OfType<string>().Where(v => v.Length > 0).ToArray();
}
