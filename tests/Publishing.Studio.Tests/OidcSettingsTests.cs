using Microsoft.Extensions.Configuration;
using Publishing.ServiceDefaults.Hosting;
using Publishing.Studio.Auth;

namespace Publishing.Studio.Tests;

/// <summary>
/// <c>Studio:Oidc:*</c> as an operator writes it: the scopes that get a refresh token by default, and the browser
/// origin of the provider's sign-in and sign-out pages (what the pages' form-action allows), an https origin.
/// </summary>
public sealed class OidcSettingsTests
{
    [Fact]
    public void By_default_the_Studio_asks_for_a_refresh_token()
    {
        Assert.Equal(["openid", "profile", "offline_access"], OidcSettings.From(Config(), development: false).Scopes);
    }

    [Fact]
    public void Unset_the_browser_origin_comes_from_the_providers_discovery_document()
    {
        Assert.Null(OidcSettings.From(Config(), development: false).BrowserOrigin);
    }

    [Theory]
    [InlineData("https://localhost:8443", "https://localhost:8443")]
    [InlineData("https://login.example.org/", "https://login.example.org")]
    public void A_browser_origin_is_the_origin_people_sign_in_at(string setting, string origin)
    {
        var settings = OidcSettings.From(Config(("Studio:Oidc:BrowserOrigin", setting)), development: false);

        Assert.Equal(origin, settings.BrowserOrigin!.GetLeftPart(UriPartial.Authority));
    }

    [Theory]
    [InlineData("http://localhost:8443")] // people type their passwords there
    [InlineData("https://localhost:8443/realms/publishing")] // an address, not an origin: form-action would allow only that path
    [InlineData("localhost:8443")]
    public void Anything_but_an_https_origin_stops_the_start(string setting)
    {
        var refused = Assert.Throws<StartupRefusedException>(() =>
            OidcSettings.From(Config(("Studio:Oidc:BrowserOrigin", setting)), development: false));

        Assert.Contains("Studio:Oidc:BrowserOrigin", refused.Message);
    }

    private static IConfiguration Config(params (string Key, string Value)[] extra) =>
        new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?>
            {
                ["Auth:Authority"] = "https://127.0.0.1:5443/",
                ["Studio:Oidc:ClientId"] = "publishing-studio",
            }.Concat(extra.Select(e => KeyValuePair.Create(e.Key, (string?)e.Value)))).Build();
}
