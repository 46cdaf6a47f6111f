namespace Publishing.Deployment.Tests;

/// <summary>
/// docker-compose.yml runs every service as Production against Keycloak: one https authority and
/// audience, trusted through the local CA the certificate script makes, no development aid, and the
/// secrets and addresses on both sides (compose and the realm Keycloak imports) the same.
/// </summary>
public sealed class ComposeIdentityTests
{
    private const string Keycloak = "keycloak";
    private const string Audience = "publishing";

    /// <summary>Settings only Development accepts; a Production host given any of them refuses to start.</summary>
    private static readonly string[] DevelopmentAids =
    [
        "Auth__SigningKey", "Auth__Issuer", "Auth__DevIssuer__Enabled", "OpenApi__Anonymous",
        "Notifications__Webhooks__AllowPrivateNetworks",
    ];

    private readonly Compose compose = Compose.Load();
    private readonly Realm realm = Realm.Load();

    [Fact]
    public void App_services_use_SqlServer_RabbitMq_and_one_https_authority_without_development_aids()
    {
        var problems = new List<string>();
        var authorities = new HashSet<string>(StringComparer.Ordinal);
        var services = compose.AppServices.ToList();
        if (services.Count == 0) problems.Add($"{Compose.FileName} builds no application services.");
        foreach (var service in services)
        {
            var env = service.Environment;
            Expect(service, "Database__Provider", "SqlServer", problems);
            if (compose.UsesBus(service))
            {
                Expect(service, "Messaging__Transport", "RabbitMq", problems);
                if (!env.TryGetValue("ConnectionStrings__RabbitMq", out var rabbit) || !rabbit.StartsWith("amqp://", StringComparison.Ordinal))
                    problems.Add($"'{service.Name}' should set ConnectionStrings__RabbitMq to an amqp:// URI.");
            }
            else
            {
                foreach (var key in new[] { "Messaging__Transport", "ConnectionStrings__RabbitMq" }.Where(env.ContainsKey))
                    problems.Add($"'{service.Name}' sets {key}, but its host has no bus.");
            }

            if (env.GetValueOrDefault("Auth__Authority") is { Length: > 0 } authority) authorities.Add(authority);
            else problems.Add($"'{service.Name}' does not set Auth__Authority (outside Development it is the only way in).");
            Expect(service, "Auth__Audience", Audience, problems);
            if (env.GetValueOrDefault("Auth__AuthorityCaCertificate") is not { Length: > 0 } ca)
                problems.Add($"'{service.Name}' does not set Auth__AuthorityCaCertificate (Keycloak's certificate comes from the local CA).");
            else if (service.HostPathOf(ca) != CertificateScriptTests.CaCertificate)
                problems.Add($"'{service.Name}' Auth__AuthorityCaCertificate {ca} is not {CertificateScriptTests.CaCertificate} (what the certificate script makes) through a bind mount; it resolves to {service.HostPathOf(ca) ?? "no mounted file"}.");
            if (!service.DependsOn.TryGetValue(Keycloak, out var condition) || condition != "service_healthy")
                problems.Add($"'{service.Name}' should depend_on '{Keycloak}' with condition service_healthy.");

            foreach (var aid in DevelopmentAids.Where(env.ContainsKey))
                problems.Add($"'{service.Name}' sets {aid}, a development aid: a Production host refuses to start with it.");
            foreach (var key in new[] { "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" })
                if (env.TryGetValue(key, out var environment) && environment.Equals("Development", StringComparison.OrdinalIgnoreCase))
                    problems.Add($"'{service.Name}' sets {key}=Development; the compose deployment runs as Production.");
        }

        if (authorities.Count != 1)
            problems.Add($"The app services should share one Auth__Authority; found: {string.Join(", ", authorities)}.");
        else if (!Uri.TryCreate(authorities.Single(), UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            problems.Add($"Auth__Authority '{authorities.Single()}' is not an absolute https URL.");
        else
        {
            if (uri.Host != Keycloak || !compose.Services.ContainsKey(Keycloak))
                problems.Add($"Auth__Authority '{uri}' should name the compose service '{Keycloak}'.");
            else if (uri.Port.ToString() != compose.Services[Keycloak].Environment.GetValueOrDefault("KC_HTTPS_PORT", "8443"))
                problems.Add($"Auth__Authority '{uri}' uses port {uri.Port}, not the one Keycloak serves https on.");
            if (uri.AbsolutePath.TrimEnd('/') != $"/realms/{realm.Name}")
                problems.Add($"Auth__Authority '{uri}' should be the realm {realm.Name} (/realms/{realm.Name}), the realm {Realm.FileName} defines.");
        }
        AssertNone(problems);
    }

    [Fact]
    public void Keycloak_serves_https_with_the_local_CA_certificate_imports_the_realm_and_reports_ready()
    {
        Assert.True(compose.Services.TryGetValue(Keycloak, out var keycloak), $"{Compose.FileName} has no '{Keycloak}' service.");
        var env = keycloak.Environment;
        var problems = new List<string>();
        if (keycloak.Image is not { } image || !image.StartsWith("quay.io/keycloak/keycloak:26.", StringComparison.Ordinal))
            problems.Add($"'{Keycloak}' should run quay.io/keycloak/keycloak:26.x, not '{keycloak.Image}'.");
        if (!keycloak.Command.Contains("start") || !keycloak.Command.Contains("--import-realm") || keycloak.Command.Contains("start-dev"))
            problems.Add($"'{Keycloak}' should run `start --import-realm` (production mode), not `{string.Join(' ', keycloak.Command)}`.");

        if (!Uri.TryCreate(env.GetValueOrDefault("KC_HOSTNAME"), UriKind.Absolute, out var hostname) || hostname.Scheme != Uri.UriSchemeHttps)
            problems.Add($"'{Keycloak}' KC_HOSTNAME should be the https URL browsers use, not '{env.GetValueOrDefault("KC_HOSTNAME")}'.");
        else if (!keycloak.Ports.Contains($"{hostname.Port}:{env.GetValueOrDefault("KC_HTTPS_PORT", "8443")}"))
            problems.Add($"'{Keycloak}' KC_HOSTNAME {hostname} names port {hostname.Port}, which is not published to Keycloak's https port.");
        if (env.GetValueOrDefault("KC_HOSTNAME_BACKCHANNEL_DYNAMIC") != "true")
            problems.Add($"'{Keycloak}' should set KC_HOSTNAME_BACKCHANNEL_DYNAMIC=true, so the services reach https://{Keycloak}:8443 for keys and tokens.");
        if (env.GetValueOrDefault("KC_HTTP_ENABLED") == "true")
            problems.Add($"'{Keycloak}' enables plain http; it should serve https only.");
        ExpectMounted(keycloak, "KC_HTTPS_CERTIFICATE_FILE", CertificateScriptTests.KeycloakCertificate, problems);
        ExpectMounted(keycloak, "KC_HTTPS_CERTIFICATE_KEY_FILE", CertificateScriptTests.KeycloakKey, problems);

        var import = $"/opt/keycloak/data/import/{realm.Name}-realm.json";
        if (keycloak.HostPathOf(import) != Realm.FileName)
            problems.Add($"'{Keycloak}' should mount {Realm.FileName} at {import} (Keycloak imports <realm>-realm.json from there).");
        if (env.GetValueOrDefault("KC_HEALTH_ENABLED") != "true")
            problems.Add($"'{Keycloak}' should set KC_HEALTH_ENABLED=true.");
        if (keycloak.HealthcheckTest is not { } test || !test.Contains("/health/ready", StringComparison.Ordinal))
            problems.Add($"'{Keycloak}' healthcheck should probe /health/ready, it runs: {keycloak.HealthcheckTest ?? "(none)"}");
        AssertNone(problems);
    }

    [Fact]
    public void No_service_mounts_the_CA_private_key()
    {
        var offenders = compose.Services.Values
            .SelectMany(s => s.Volumes.Where(v => v.IsBind).Select(v => (s.Name, v.Source)))
            .Where(m => m.Source.Contains(CertificateScriptTests.CaPrivateFolder, StringComparison.Ordinal)
                        || m.Source.TrimEnd('/') is "./infra/certs" or "infra/certs" or "./infra" or "." or "./")
            .Select(m => $"'{m.Name}' mounts {m.Source}, which holds the CA's private key.")
            .ToList();
        AssertNone(offenders);
    }

    [Fact]
    public void Every_placeholder_in_the_realm_is_set_on_the_keycloak_service()
    {
        Assert.True(compose.Services.TryGetValue(Keycloak, out var keycloak), $"{Compose.FileName} has no '{Keycloak}' service.");
        var text = File.ReadAllText(Repo.PathOf(Realm.FileName));
        var names = System.Text.RegularExpressions.Regex.Matches(text, @"\$\{(?<name>[^}]+)\}").Select(m => m.Groups["name"].Value).Distinct().ToList();
        Assert.NotEmpty(names);
        var missing = names.Where(n => keycloak.Environment.GetValueOrDefault(n) is not { Length: > 0 }).ToList();
        Assert.True(missing.Count == 0,
            $"{Realm.FileName} asks Keycloak's import for ${{...}} values its compose service does not set (they would be imported literally): {string.Join(", ", missing)}");
    }

    [Fact]
    public void Search_rebuilds_from_Authoring_as_the_realm_service_account_with_the_same_secret()
    {
        var search = compose.ForProject("Publishing.SearchIndexing");
        Assert.True(search is not null, "No compose service builds Publishing.SearchIndexing.");
        var env = search.Environment;
        var authoring = compose.ForProject("Publishing.Authoring");
        Assert.True(authoring is not null, "No compose service builds Publishing.Authoring.");
        Assert.True(env.GetValueOrDefault("Services__Authoring") == $"http://{authoring.Name}:8080",
            $"'{search.Name}' Services__Authoring should be http://{authoring.Name}:8080, not '{env.GetValueOrDefault("Services__Authoring")}'.");
        Assert.True(env.GetValueOrDefault("PublicBaseUrl") is { Length: > 0 }, $"'{search.Name}' does not set PublicBaseUrl (required outside Development).");

        var clientId = env.GetValueOrDefault("Auth__Client__ClientId");
        var client = realm.Client(clientId ?? "");
        Assert.True(client is not null, $"'{search.Name}' Auth__Client__ClientId '{clientId}' is not a client of {Realm.FileName}.");
        Assert.True(Realm.Flag(client.Value, "serviceAccountsEnabled"), $"The realm client '{clientId}' has no service account (client credentials).");
        ExpectSameSecret(client.Value, env.GetValueOrDefault("Auth__Client__ClientSecret"), $"'{search.Name}' Auth__Client__ClientSecret");
    }

    [Fact]
    public void Studio_signs_in_at_the_realm_client_that_returns_only_to_its_PublicBaseUrl()
    {
        var studio = compose.ForProject("Publishing.Studio");
        Assert.True(studio is not null, "No compose service builds Publishing.Studio.");
        var env = studio.Environment;
        var publicBaseUrl = env.GetValueOrDefault("PublicBaseUrl");
        Assert.True(Uri.TryCreate(publicBaseUrl, UriKind.Absolute, out var origin) && publicBaseUrl.EndsWith('/'),
            $"'{studio.Name}' PublicBaseUrl should be an absolute URL ending in '/', not '{publicBaseUrl}'.");
        Assert.False(env.ContainsKey("Studio__Oidc__Authority"), $"'{studio.Name}' should sign in at Auth__Authority, the provider the APIs trust.");

        var clientId = env.GetValueOrDefault("Studio__Oidc__ClientId");
        var client = realm.Client(clientId ?? "");
        Assert.True(client is not null, $"'{studio.Name}' Studio__Oidc__ClientId '{clientId}' is not a client of {Realm.FileName}.");
        Assert.Equal([publicBaseUrl + "signin-oidc"], Realm.Strings(client.Value, "redirectUris"));
        Assert.Equal(publicBaseUrl + "signout-callback-oidc", Realm.Attribute(client.Value, "post.logout.redirect.uris"));
        Assert.Equal([origin.GetLeftPart(UriPartial.Authority)], Realm.Strings(client.Value, "webOrigins"));
        ExpectSameSecret(client.Value, env.GetValueOrDefault("Studio__Oidc__ClientSecret"), $"'{studio.Name}' Studio__Oidc__ClientSecret");

        var notifications = compose.ForProject("Publishing.Notifications");
        Assert.True(notifications?.Environment.GetValueOrDefault("PublicBaseUrl") is { Length: > 0 },
            "Notifications does not set PublicBaseUrl (required outside Development).");
    }

    [Fact]
    public void Studio_asks_only_for_scopes_its_client_has_and_keeps_people_signed_in_at_Keycloaks_browser_origin()
    {
        var studio = compose.ForProject("Publishing.Studio");
        Assert.True(studio is not null, "No compose service builds Publishing.Studio.");
        var env = studio.Environment;
        var client = realm.Client(env.GetValueOrDefault("Studio__Oidc__ClientId") ?? "");
        Assert.True(client is not null, $"'{studio.Name}' Studio__Oidc__ClientId is not a client of {Realm.FileName}.");

        // Keycloak refuses a sign-in that asks for a scope the client does not have (the Studio's default includes
        // offline_access, which this realm does not define); openid is the protocol's, not a client scope.
        var scopes = env.GetValueOrDefault("Studio__Oidc__Scopes");
        Assert.True(scopes is { Length: > 0 }, $"'{studio.Name}' should set Studio__Oidc__Scopes to scopes its Keycloak client has.");
        var known = Realm.Strings(client.Value, "defaultClientScopes").Concat(Realm.Strings(client.Value, "optionalClientScopes")).Append("openid").ToHashSet();
        var unknown = scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(s => !known.Contains(s)).ToList();
        Assert.True(unknown.Count == 0, $"'{studio.Name}' asks for scopes the realm client does not have, so Keycloak would refuse every sign-in: {string.Join(", ", unknown)}");
        // The Studio renews access tokens with the refresh token Keycloak gives the code flow.
        Assert.NotEqual("false", Realm.Attribute(client.Value, "use.refresh.tokens"));

        // The sign-in button's redirect goes to Keycloak's frontend URL; the Studio's form-action must allow exactly that origin.
        var keycloakHostname = compose.Services.GetValueOrDefault(Keycloak)?.Environment.GetValueOrDefault("KC_HOSTNAME");
        Assert.True(Uri.TryCreate(keycloakHostname, UriKind.Absolute, out var frontend), $"'{Keycloak}' KC_HOSTNAME '{keycloakHostname}' is not a URL.");
        var browserOrigin = env.GetValueOrDefault("Studio__Oidc__BrowserOrigin");
        Assert.True(browserOrigin is null || (Uri.TryCreate(browserOrigin, UriKind.Absolute, out var origin)
                                              && origin.GetLeftPart(UriPartial.Authority) == frontend.GetLeftPart(UriPartial.Authority)),
            $"'{studio.Name}' Studio__Oidc__BrowserOrigin '{browserOrigin}' is not the origin of '{Keycloak}' KC_HOSTNAME {keycloakHostname}, where browsers sign in.");
    }

    /// <summary>The realm takes the client's secret from an environment variable of the keycloak service, set to the same value the app is given.</summary>
    private void ExpectSameSecret(System.Text.Json.JsonElement client, string? appSecret, string what)
    {
        var clientId = Realm.Text(client, "clientId");
        Assert.True(appSecret is { Length: > 0 }, $"{what} is not set.");
        var variable = Realm.Placeholder(Realm.Text(client, "secret"));
        Assert.True(variable is not null,
            $"The realm client '{clientId}' should take its secret from an environment variable (\"secret\": \"${{NAME}}\"), not hold one.");
        var keycloakValue = compose.Services.GetValueOrDefault(Keycloak)?.Environment.GetValueOrDefault(variable);
        Assert.True(keycloakValue == appSecret,
            $"The realm client '{clientId}' gets its secret from {variable} = '{keycloakValue}' on '{Keycloak}', but {what} = '{appSecret}'.");
    }

    private static void ExpectMounted(ComposeService service, string key, string hostPath, List<string> problems)
    {
        if (service.Environment.GetValueOrDefault(key) is not { Length: > 0 } path)
            problems.Add($"'{service.Name}' does not set {key}.");
        else if (service.HostPathOf(path) != hostPath)
            problems.Add($"'{service.Name}' {key} {path} should be {hostPath} (what the certificate script makes) through a bind mount.");
    }

    private static void Expect(ComposeService service, string key, string expected, List<string> problems)
    {
        if (!service.Environment.TryGetValue(key, out var actual))
            problems.Add($"'{service.Name}' does not set {key} (expected {expected}).");
        else if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
            problems.Add($"'{service.Name}' sets {key}={actual}, expected {expected}.");
    }

    private static void AssertNone(List<string> problems)
    {
        if (problems.Count > 0) Assert.Fail(string.Join(Environment.NewLine, problems));
    }
}
