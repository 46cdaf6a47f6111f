using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Publishing.Standalone;
using Publishing.Testing;
using Xunit;

namespace Publishing.EndToEnd.Tests.Security;

/// <summary>
/// The whole system in the Production environment against a real OpenID Connect provider running as
/// its own process: its tokens are the only way in, and nothing made for development opens a door.
/// </summary>
public sealed class ProductionIdentityTests(ProductionIdentityTests.Fixture fixture) : IClassFixture<ProductionIdentityTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        private readonly TempDirectory _data = new();

        public OidcProvider Idp { get; private set; } = null!;
        public ServiceHost Host { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Idp = await OidcProvider.StartAsync();
            Host = await ServiceHost.StartAsync(StandaloneHost.Create, ProductionSettings.For(Idp, _data.Path, FreePort.Next()), "Production");
        }

        public async Task DisposeAsync()
        {
            await Host.DisposeAsync();
            await Idp.DisposeAsync();
            _data.Dispose();
        }
    }

    private HttpClient As(string token)
    {
        var client = new HttpClient { BaseAddress = fixture.Host.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task A_change_is_signed_off_by_the_people_and_qualifications_the_provider_names()
    {
        var editor = As(await fixture.Idp.UserTokenAsync("eve"));
        Assert.Equal(HttpStatusCode.Created, (await editor.PostAsJsonAsync("/api/content",
            new { type = "drug", slug = "oidc-drug", title = "Signed off by real people", fields = Workflow.DrugFields("oidc-drug") })).StatusCode);
        var submitted = await editor.PostAsJsonAsync("/api/content/oidc-drug/submissions", new { changeSummary = "First version", reason = "new-evidence" });
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var review = await submitted.Content.ReadFromJsonAsync<JsonElement>();
        var reviewId = review.GetProperty("reviewId").GetGuid();
        var approval = new { comment = "Checked against the SmPC", referencesChecked = true };

        var unqualified = As(await fixture.Idp.UserTokenAsync("lee"));
        await Eventually.Until(async () => (await unqualified.GetAsync($"/api/reviews/{reviewId}")).StatusCode == HttpStatusCode.OK, what: "the review task");
        Assert.Equal(HttpStatusCode.Forbidden, (await unqualified.PostAsJsonAsync($"/api/reviews/{reviewId}/approvals", approval)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.PostAsJsonAsync($"/api/reviews/{reviewId}/approvals", approval)).StatusCode);
        foreach (var reviewer in new[] { "aisha", "owen" }.Take(review.GetProperty("requiredApprovals").GetInt32()))
            Assert.Equal(HttpStatusCode.OK, (await As(await fixture.Idp.UserTokenAsync(reviewer)).PostAsJsonAsync($"/api/reviews/{reviewId}/approvals", approval)).StatusCode);

        var published = await Eventually.Until(() => fixture.Host.Http.GetAsync("/api/published/oidc-drug"), r => r.StatusCode == HttpStatusCode.OK, what: "the publication");
        var approvals = (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("approvals").EnumerateArray().ToList();
        Assert.Contains(approvals, a => a.GetProperty("reviewerName").GetString() == "Aisha Rahman"
                                        && a.GetProperty("qualification").GetString() == "Clinical pharmacist");
        var audit = await (await editor.GetAsync("/api/content/oidc-drug/audit")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("oidc-editor-eve", audit.EnumerateArray().First().GetProperty("actorId").GetString());
    }

    [Fact]
    public async Task The_dev_token_route_does_not_exist()
    {
        var response = await fixture.Host.Http.PostAsJsonAsync("/api/dev/tokens", new { userId = "x", name = "X", roles = new[] { "admin" } });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("publishing-development-signing-key-not-for-production-use")] // the dev issuer's built-in key
    [InlineData("publishing-compose-signing-key-for-local-development-only")] // the old compose default
    [InlineData("publishing-local-signing-key-for-development-only")] // run-local.sh's default
    public async Task A_token_signed_with_a_built_in_key_is_refused(string key)
    {
        foreach (var issuer in new[] { "publishing", fixture.Idp.Authority.ToString() })
        {
            var token = Sign(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256, issuer, fixture.Idp.Audience,
                [new Claim("sub", "mallory"), new Claim("name", "Mallory"), new Claim("role", "admin"), new Claim("role", "reviewer")]);
            Assert.Equal(HttpStatusCode.Unauthorized, (await As(token).GetAsync("/api/content")).StatusCode);
        }
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused()
    {
        var token = await fixture.Idp.UserTokenAsync("ada", fixture.Idp.OtherAudience);
        Assert.Equal(HttpStatusCode.Unauthorized, (await As(token).GetAsync("/api/content")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await As(await fixture.Idp.UserTokenAsync("ada")).GetAsync("/api/content")).StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var token = await fixture.Idp.UserTokenAsync("ada", lifetime: TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await As(token).GetAsync("/api/content")).StatusCode);
        await Eventually.Until(async () => (await As(token).GetAsync("/api/content")).StatusCode == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(20), "the token to expire (lifetime 1 s, clock skew 1 s)");
    }

    [Fact]
    public async Task A_token_the_provider_signed_without_a_subject_is_refused_not_a_500()
    {
        var noSubject = fixture.Idp.SignWithProviderKey([new Claim("name", "Nobody"), new Claim("role", "editor")]);
        var response = await As(noSubject).PostAsJsonAsync("/api/content", new { type = "article", slug = "no-subject", title = "T", fields = new { } });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);

        var noRole = fixture.Idp.SignWithProviderKey([new Claim("sub", "someone"), new Claim("name", "Someone")]);
        Assert.Equal(HttpStatusCode.Forbidden, (await As(noRole).GetAsync("/api/content")).StatusCode);
        var signedOk = fixture.Idp.SignWithProviderKey([new Claim("sub", "someone"), new Claim("name", "Someone"), new Claim("role", "admin")]);
        Assert.Equal(HttpStatusCode.OK, (await As(signedOk).GetAsync("/api/content")).StatusCode);
    }

    [Fact]
    public async Task Internal_routes_answer_a_service_token_and_refuse_people()
    {
        Assert.Equal(HttpStatusCode.OK, (await As(await fixture.Idp.ServiceTokenAsync("search-indexing")).GetAsync("/api/internal/published")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await As(await fixture.Idp.UserTokenAsync("ada")).GetAsync("/api/internal/published")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await As(await fixture.Idp.ServiceTokenAsync("no-role-client")).GetAsync("/api/internal/published")).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_is_for_admins()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Host.Http.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await As(await fixture.Idp.UserTokenAsync("ada")).GetAsync("/openapi/v1.json")).StatusCode);
    }

    internal static string Sign(SecurityKey key, string algorithm, string issuer, string audience, IEnumerable<Claim> claims, DateTime? expires = null)
    {
        var until = expires ?? DateTime.UtcNow.AddHours(1);
        var from = until.AddHours(-2); // valid from before now, so an expired token is otherwise well-formed
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = from,
            NotBefore = from,
            Expires = until,
            SigningCredentials = new SigningCredentials(key, algorithm),
        });
    }
}
