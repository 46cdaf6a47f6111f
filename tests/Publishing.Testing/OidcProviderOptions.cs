namespace Publishing.Testing;

/// <summary>A person who can sign in at the test identity provider.</summary>
public sealed record OidcUser(string Username, string Password, string Subject, string Name, IReadOnlyList<string> Roles, string? Qualification = null);

/// <summary>A service that gets tokens with client credentials: its token's <c>sub</c> and <c>name</c> are its client id.</summary>
public sealed record OidcServiceClient(string ClientId, string ClientSecret, IReadOnlyList<string> Roles);

/// <summary>What <see cref="OidcProvider"/> starts with. Every default can be replaced.</summary>
public sealed record OidcProviderOptions
{
    /// <summary>The people of <c>DevUsers</c> again, with passwords: an editor, two qualified reviewers, an unqualified reviewer, an admin.</summary>
    public static readonly IReadOnlyList<OidcUser> DefaultUsers =
    [
        new("eve", "eve-password", "oidc-editor-eve", "Eve Marsh", ["editor"]),
        new("aisha", "aisha-password", "oidc-reviewer-aisha", "Aisha Rahman", ["reviewer"], "Clinical pharmacist"),
        new("owen", "owen-password", "oidc-reviewer-owen", "Dr Owen Price", ["reviewer"], "Consultant medical oncologist"),
        new("lee", "lee-password", "oidc-reviewer-lee", "Lee Carter", ["reviewer"]),
        new("ada", "ada-password", "oidc-admin-ada", "Ada Brennan", ["admin"]),
    ];

    /// <summary>Audience of every token unless asked otherwise (the services' <c>Auth:Audience</c>).</summary>
    public string Audience { get; init; } = "publishing";

    /// <summary>A second audience, for tokens our APIs must refuse.</summary>
    public string OtherAudience { get; init; } = "other-api";

    public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a refresh token (the Studio's, with scope <c>offline_access</c>) may be used.</summary>
    public TimeSpan RefreshTokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The host name browsers use for the sign-in and sign-out pages when it is not the authority's 127.0.0.1, e.g.
    /// <c>localhost</c> (the certificate has both): discovery then names <c>https://localhost:PORT/</c> for the
    /// authorization and end-session endpoints, as Keycloak does behind its frontend URL.
    /// </summary>
    public string? BrowserHostName { get; init; }

    public IReadOnlyList<OidcUser> Users { get; init; } = DefaultUsers;

    /// <summary>Service clients; by default two with role <c>service</c> and one with no role at all.</summary>
    public IReadOnlyList<OidcServiceClient>? Services { get; init; }

    public string StudioClientId { get; init; } = "publishing-studio";

    /// <summary>Where the Studio may be sent back after sign-in (e.g. <c>https://127.0.0.1:PORT/signin-oidc</c>).</summary>
    public IReadOnlyList<Uri> StudioRedirectUris { get; init; } = [];

    public IReadOnlyList<Uri> StudioPostLogoutRedirectUris { get; init; } = [];

    /// <summary>The public client that uses the password grant (<see cref="OidcProvider.UserTokenAsync"/>).</summary>
    public string TestClientId { get; init; } = "publishing-tests";
}
