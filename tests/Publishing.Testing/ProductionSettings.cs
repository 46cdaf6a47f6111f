namespace Publishing.Testing;

/// <summary>
/// Settings for a host in the Production environment, as an operator would configure it: tokens
/// only from the test identity provider (trusted through its private CA), no development aid, links
/// from a PublicBaseUrl on a port chosen up front, a key ring encrypted with its own certificate.
/// </summary>
public static class ProductionSettings
{
    public static Dictionary<string, string?> For(OidcProvider idp, string dataDirectory, int port, Uri? rabbitMq = null)
    {
        var settings = ServiceHost.Settings(rabbitMq, dataDirectory);
        settings.Remove("Auth:DevIssuer:Enabled");
        settings.Remove("Notifications:Webhooks:AllowPrivateNetworks");
        settings["Urls"] = $"http://127.0.0.1:{port}";
        settings["PublicBaseUrl"] = $"http://127.0.0.1:{port}/";
        settings["Auth:Authority"] = idp.Authority.ToString();
        settings["Auth:AuthorityCaCertificate"] = idp.CaCertificatePath;
        settings["Auth:Audience"] = idp.Audience;
        // Seconds, not minutes: expiry and key rotation are observed within a test.
        settings["Auth:ClockSkew"] = "00:00:01";
        settings["Auth:KeyRefreshMinimumInterval"] = "00:00:01";
        settings["Studio:Oidc:ClientId"] = idp.StudioClientId;
        settings["Studio:Oidc:ClientSecret"] = idp.StudioClientSecret;
        // offline_access: the provider then issues the refresh token the Studio renews people's access tokens with.
        settings["Studio:Oidc:Scopes"] = "openid profile roles offline_access";
        var (certificate, password) = KeyRingCertificateFile.Write(dataDirectory);
        settings["DataProtection:Certificate:Path"] = certificate;
        settings["DataProtection:Certificate:Password"] = password;
        return settings;
    }
}
