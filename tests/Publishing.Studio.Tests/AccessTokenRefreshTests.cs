using System.Globalization;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Publishing.Studio.Auth;

namespace Publishing.Studio.Tests;

/// <summary>
/// The Studio's renewal of a cookie's access token, against a token endpoint the test answers: the requests of one
/// page share one refresh, a refusal ends the session, and a cookie without a refresh token (the development
/// sign-in) lasts exactly as long as its token. The whole path with a real provider is in
/// <see cref="OidcSignInRefreshTests"/>.
/// </summary>
public sealed class AccessTokenRefreshTests
{
    private readonly TokenEndpoint _endpoint = new();

    [Fact]
    public async Task The_parallel_requests_of_one_page_share_one_refresh_and_all_carry_its_tokens()
    {
        var refresh = Refresh();
        var requests = Enumerable.Range(0, 5).Select(_ => Cookie(expiresIn: TimeSpan.FromSeconds(20), refreshToken: "refresh-1")).ToList();

        var pending = requests.Select(refresh.ValidatePrincipalAsync).ToList();
        _endpoint.Answer(HttpStatusCode.OK, """{"access_token":"access-2","expires_in":300,"refresh_token":"refresh-2","token_type":"Bearer"}""");
        await Task.WhenAll(pending);

        Assert.Equal(1, _endpoint.Calls);
        Assert.Equal("refresh_token", _endpoint.LastForm!["grant_type"]);
        Assert.Equal("refresh-1", _endpoint.LastForm["refresh_token"]);
        Assert.Equal("publishing-studio", _endpoint.LastForm["client_id"]);
        foreach (var request in requests)
        {
            Assert.NotNull(request.Principal);
            Assert.True(request.ShouldRenew);
            Assert.Equal("access-2", request.Properties.GetTokenValue("access_token"));
            Assert.Equal("refresh-2", request.Properties.GetTokenValue("refresh_token"));
            Assert.Equal("id-1", request.Properties.GetTokenValue("id_token")); // kept for sign-out's hint
            Assert.True(ExpiresAt(request) > DateTimeOffset.UtcNow + AccessTokenRefresh.Margin);
        }
    }

    [Fact]
    public async Task A_refused_refresh_ends_the_session_and_removes_the_cookie()
    {
        var request = Cookie(expiresIn: TimeSpan.FromSeconds(-5), refreshToken: "revoked");
        _endpoint.Answer(HttpStatusCode.BadRequest, """{"error":"invalid_grant"}""");

        await Refresh().ValidatePrincipalAsync(request);

        Assert.Null(request.Principal);
        Assert.False(request.ShouldRenew);
        Assert.Equal(["Studio"], _endpoint.SignedOut);
    }

    [Fact]
    public async Task A_provider_that_cannot_be_reached_ends_the_session()
    {
        var request = Cookie(expiresIn: TimeSpan.FromSeconds(30), refreshToken: "refresh-1");
        _endpoint.Fail(new HttpRequestException("connection refused"));

        await Refresh().ValidatePrincipalAsync(request);

        Assert.Null(request.Principal);
        Assert.Equal(["Studio"], _endpoint.SignedOut);
    }

    [Fact]
    public async Task A_token_with_more_than_a_minute_left_is_not_refreshed()
    {
        var request = Cookie(expiresIn: TimeSpan.FromMinutes(4), refreshToken: "refresh-1");

        await Refresh().ValidatePrincipalAsync(request);

        Assert.NotNull(request.Principal);
        Assert.False(request.ShouldRenew);
        Assert.Equal(0, _endpoint.Calls);
    }

    [Fact]
    public async Task Without_a_refresh_token_the_cookie_lasts_as_long_as_its_access_token()
    {
        var fresh = Cookie(expiresIn: TimeSpan.FromSeconds(30), refreshToken: null);
        var expired = Cookie(expiresIn: TimeSpan.FromSeconds(-1), refreshToken: null);

        await Refresh().ValidatePrincipalAsync(fresh);
        await Refresh().ValidatePrincipalAsync(expired);

        Assert.NotNull(fresh.Principal);
        Assert.Null(expired.Principal);
        Assert.Equal(0, _endpoint.Calls);
    }

    private AccessTokenRefresh Refresh()
    {
        var options = new OpenIdConnectOptions
        {
            ClientId = "publishing-studio",
            ClientSecret = "studio-secret",
            ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(
                new OpenIdConnectConfiguration { TokenEndpoint = "https://idp.invalid/connect/token" }),
            Backchannel = new HttpClient(_endpoint),
        };
        return new AccessTokenRefresh(new FixedOptions(options), TimeProvider.System, NullLogger<AccessTokenRefresh>.Instance);
    }

    private CookieValidatePrincipalContext Cookie(TimeSpan expiresIn, string? refreshToken)
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddSingleton<IAuthenticationService>(_endpoint).BuildServiceProvider() };
        var properties = new AuthenticationProperties { IssuedUtc = DateTimeOffset.UtcNow, ExpiresUtc = DateTimeOffset.UtcNow.AddHours(8) };
        var tokens = new List<AuthenticationToken>
        {
            new() { Name = "access_token", Value = "access-1" },
            new() { Name = "id_token", Value = "id-1" },
            new() { Name = "expires_at", Value = (DateTimeOffset.UtcNow + expiresIn).ToString("o", CultureInfo.InvariantCulture) },
        };
        if (refreshToken is not null) tokens.Add(new() { Name = "refresh_token", Value = refreshToken });
        properties.StoreTokens(tokens);
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "oidc-reviewer-aisha")], StudioAuth.Scheme));
        return new CookieValidatePrincipalContext(http, new AuthenticationScheme(StudioAuth.Scheme, null, typeof(CookieAuthenticationHandler)),
            new CookieAuthenticationOptions(), new AuthenticationTicket(principal, properties, StudioAuth.Scheme));
    }

    private static DateTimeOffset ExpiresAt(CookieValidatePrincipalContext request) =>
        DateTimeOffset.Parse(request.Properties.GetTokenValue("expires_at")!, CultureInfo.InvariantCulture);

    private sealed class FixedOptions(OpenIdConnectOptions options) : IOptionsMonitor<OpenIdConnectOptions>
    {
        public OpenIdConnectOptions CurrentValue => options;
        public OpenIdConnectOptions Get(string? name) => options;
        public IDisposable? OnChange(Action<OpenIdConnectOptions, string?> listener) => null;
    }

    /// <summary>The provider's token endpoint, answering when the test says; and the sign-out the Studio asks for.</summary>
    private sealed class TokenEndpoint : HttpMessageHandler, IAuthenticationService
    {
        private readonly TaskCompletionSource<Func<HttpResponseMessage>> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _calls;

        public int Calls => _calls;
        public Dictionary<string, string>? LastForm { get; private set; }
        public List<string?> SignedOut { get; } = [];

        public void Answer(HttpStatusCode status, string json) =>
            _answer.SetResult(() => new HttpResponseMessage(status) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") });

        public void Fail(Exception e) => _answer.SetResult(() => throw e);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Interlocked.Increment(ref _calls);
            var body = await request.Content!.ReadAsStringAsync(ct);
            LastForm = body.Split('&').Select(p => p.Split('=')).ToDictionary(p => WebUtility.UrlDecode(p[0]), p => WebUtility.UrlDecode(p[1]));
            return (await _answer.Task.WaitAsync(ct))();
        }

        public Task SignOutAsync(HttpContext context, string? scheme, AuthenticationProperties? properties)
        {
            SignedOut.Add(scheme);
            return Task.CompletedTask;
        }

        public Task<AuthenticateResult> AuthenticateAsync(HttpContext context, string? scheme) => throw new NotSupportedException();
        public Task ChallengeAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) => throw new NotSupportedException();
        public Task ForbidAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) => throw new NotSupportedException();
        public Task SignInAsync(HttpContext context, string? scheme, ClaimsPrincipal principal, AuthenticationProperties? properties) => throw new NotSupportedException();
    }
}
