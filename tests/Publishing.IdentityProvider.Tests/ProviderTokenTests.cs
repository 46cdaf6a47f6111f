using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using Publishing.Testing;
using Xunit;

namespace Publishing.IdentityProvider.Tests;

[Collection(ProviderCollection.Name)]
public sealed class ProviderTokenTests(ProviderFixture fixture)
{
    private OidcProvider Idp => fixture.Provider;

    [Fact]
    public async Task Discovery_and_jwks_are_served_over_tls_trusted_through_the_generated_ca_only()
    {
        using var discovery = JsonDocument.Parse(await Idp.Http.GetStringAsync(".well-known/openid-configuration"));
        Assert.Equal(Idp.Authority.ToString(), discovery.RootElement.GetProperty("issuer").GetString());
        Assert.StartsWith("https://127.0.0.1:", discovery.RootElement.GetProperty("jwks_uri").GetString());
        var grants = discovery.RootElement.GetProperty("grant_types_supported").EnumerateArray().Select(g => g.GetString()).ToArray();
        Assert.Contains("authorization_code", grants);
        Assert.Contains("client_credentials", grants);

        using var jwks = JsonDocument.Parse(await Idp.Http.GetStringAsync(discovery.RootElement.GetProperty("jwks_uri").GetString()));
        var key = Assert.Single(jwks.RootElement.GetProperty("keys").EnumerateArray());
        Assert.Equal(Idp.CurrentKeyId, key.GetProperty("kid").GetString());
        Assert.Equal("RSA", key.GetProperty("kty").GetString());

        // The CA file is what a service trusts; without it the certificate is refused like any unknown one.
        using var ca = X509CertificateLoader.LoadCertificate(System.Text.Encoding.ASCII.GetBytes(await File.ReadAllTextAsync(Idp.CaCertificatePath)));
        Assert.Equal(Idp.CaCertificate.Thumbprint, ca.Thumbprint);
        using var untrusting = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => untrusting.GetAsync(new Uri(Idp.Authority, ".well-known/openid-configuration")));
    }

    [Fact]
    public async Task A_password_grant_token_is_a_signed_jwt_carrying_the_users_claims()
    {
        var token = await Idp.UserTokenAsync("aisha");

        Assert.Equal(3, token.Split('.').Length); // a JWS, not an encrypted JWE (5 parts)
        var jwt = await Jwt.ValidAsync(Idp, token);
        Assert.Equal("RS256", jwt.Alg);
        Assert.Equal(Idp.CurrentKeyId, jwt.Kid);
        Assert.Equal(Idp.Authority.ToString(), jwt.Issuer);
        Assert.Equal(["publishing"], jwt.Audiences);
        Assert.Equal("oidc-reviewer-aisha", jwt.Subject);
        Assert.Equal(["Aisha Rahman"], Jwt.Values(jwt, "name"));
        Assert.Equal(["reviewer"], Jwt.Values(jwt, "role"));
        Assert.Equal(["Clinical pharmacist"], Jwt.Values(jwt, "qualification"));
        Assert.InRange(jwt.ValidTo - jwt.IssuedAt, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task Each_role_is_its_own_role_claim_and_no_qualification_means_no_claim()
    {
        var both = await Jwt.ValidAsync(Idp, await Idp.UserTokenAsync("sole"));
        Assert.Equal(["editor", "reviewer"], Jwt.Values(both, "role").Order());

        var editor = await Jwt.ValidAsync(Idp, await Idp.UserTokenAsync("eve"));
        Assert.Equal(["editor"], Jwt.Values(editor, "role"));
        Assert.Empty(Jwt.Values(editor, "qualification"));
    }

    [Fact]
    public async Task A_client_credentials_token_is_the_service_itself_with_its_configured_roles()
    {
        var service = await Jwt.ValidAsync(Idp, await Idp.ServiceTokenAsync("search-indexing"));
        Assert.Equal("search-indexing", service.Subject);
        Assert.Equal(["search-indexing"], Jwt.Values(service, "name"));
        Assert.Equal(["service"], Jwt.Values(service, "role"));
        Assert.Equal(["publishing"], service.Audiences);

        var roleless = await Jwt.ValidAsync(Idp, await Idp.ServiceTokenAsync("no-role-client"));
        Assert.Empty(Jwt.Values(roleless, "role"));
    }

    [Fact]
    public async Task Wrong_secrets_and_passwords_get_no_token()
    {
        using var badSecret = await Idp.Http.PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "search-indexing", ["client_secret"] = "not-the-secret",
        }));
        Assert.Equal(HttpStatusCode.Unauthorized, badSecret.StatusCode); // RFC 6749 5.2: a client that failed to authenticate
        Assert.Contains("invalid_client", await badSecret.Content.ReadAsStringAsync());

        using var badPassword = await Idp.Http.PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = Idp.TestClientId, ["username"] = "eve", ["password"] = "guess",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, badPassword.StatusCode);
        Assert.Contains("invalid_grant", await badPassword.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_token_asked_for_another_resource_has_that_audience_and_fails_ours()
    {
        var token = await Idp.UserTokenAsync("eve", resource: Idp.OtherAudience);

        var other = await Jwt.ValidAsync(Idp, token, Idp.OtherAudience);
        Assert.Equal([Idp.OtherAudience], other.Audiences);
        var ours = await Jwt.ValidateAsync(Idp, token, Idp.Audience);
        Assert.IsType<SecurityTokenInvalidAudienceException>(ours.Exception);

        var service = await Jwt.ValidAsync(Idp, await Idp.ServiceTokenAsync("notifications", resource: Idp.OtherAudience), Idp.OtherAudience);
        Assert.Equal([Idp.OtherAudience], service.Audiences);
    }

    [Fact]
    public async Task A_token_request_can_ask_for_a_life_of_seconds_and_the_token_then_expires()
    {
        var token = await Idp.UserTokenAsync("eve", lifetime: TimeSpan.FromSeconds(2));
        // Read, not validated yet: on a busy machine two seconds may be gone before a validation could start.
        var jwt = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token);
        Assert.Equal(TimeSpan.FromSeconds(2), jwt.ValidTo - jwt.IssuedAt);

        var untilExpired = jwt.ValidTo - DateTime.UtcNow + TimeSpan.FromMilliseconds(200);
        if (untilExpired > TimeSpan.Zero) await Task.Delay(untilExpired);
        var expired = await Jwt.ValidateAsync(Idp, token, Idp.Audience);
        Assert.IsType<SecurityTokenExpiredException>(expired.Exception);
    }
}
