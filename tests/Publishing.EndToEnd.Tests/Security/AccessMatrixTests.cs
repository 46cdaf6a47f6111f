using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using Publishing.Standalone;
using Publishing.Testing;
using Xunit;

namespace Publishing.EndToEnd.Tests.Security;

/// <summary>
/// Every route of docs/api.md against every kind of caller: people in each role (a reviewer with and
/// without a qualification), nobody, and forged tokens (unsigned, wrong key, expired, wrong audience,
/// no subject, no role). Each answer must be the access decision the contract promises, and none a 500.
/// </summary>
public sealed class AccessMatrixTests : IAsyncLifetime
{
    // The dev issuer's key is public by design (it only exists in Development); forged tokens use it too.
    private const string DevKey = "publishing-development-signing-key-not-for-production-use";

    private enum Want { Allowed, Unauthorized, Forbidden }

    private readonly TempDirectory _data = new();
    private ServiceHost _host = null!;

    public async Task InitializeAsync()
    {
        var settings = ServiceHost.Settings(rabbitMq: null, _data.Path);
        settings["OpenApi:Anonymous"] = "false";
        _host = await ServiceHost.StartAsync(StandaloneHost.Create, settings);
    }

    [Fact]
    public async Task Every_route_answers_each_caller_as_the_contract_says()
    {
        var callers = await CallersAsync();
        var editor = callers["editor"]!;
        Assert.Equal(HttpStatusCode.Created, (await Send(editor, HttpMethod.Post, "/api/content", NewDrug("matrix-drug"))).StatusCode);
        var submitted = await Send(editor, HttpMethod.Post, "/api/content/matrix-drug/submissions", new { changeSummary = "First", reason = "new-evidence" });
        var reviewId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reviewId").GetGuid();
        await Eventually.Until(async () => (await Send(callers["reviewer"], HttpMethod.Get, $"/api/reviews/{reviewId}")).IsSuccessStatusCode, what: "the review task");
        var subscription = await Send(callers["admin"], HttpMethod.Post, "/api/subscriptions",
            new { name = "Matrix", url = "https://subscriber.example.org/hook", events = new[] { "content.published" } });
        var subscriptionId = (await subscription.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        string[] staff = ["editor", "reviewer", "unqualified-reviewer", "admin"];
        string[] reviewers = ["reviewer", "unqualified-reviewer"];
        var routes = new List<(HttpMethod Method, string Path, object? Body, string[]? Allowed, string[] RuleRefusals)>
        {
            (HttpMethod.Post, "/api/content", NewDrug("matrix-other"), ["editor"], []),
            (HttpMethod.Get, "/api/content", null, staff, []),
            (HttpMethod.Get, "/api/content/matrix-drug", null, staff, []),
            (HttpMethod.Put, "/api/content/matrix-drug", new { title = "T", fields = new { } }, ["editor"], []),
            (HttpMethod.Post, "/api/content/matrix-drug/submissions", new { changeSummary = "Again", reason = "editorial" }, ["editor"], []),
            (HttpMethod.Get, "/api/content/matrix-drug/revisions", null, staff, []),
            (HttpMethod.Get, "/api/content/matrix-drug/revisions/1", null, staff, []),
            (HttpMethod.Get, "/api/content/matrix-drug/diff", null, staff, []),
            (HttpMethod.Get, "/api/content/matrix-drug/audit", null, staff, []),
            (HttpMethod.Get, $"/api/content/matrix-drug/submissions/{reviewId}", null, staff, []),
            // An unknown submission, so the matrix's own review stays open: a 404 past the role check.
            (HttpMethod.Post, $"/api/content/matrix-drug/submissions/{Guid.NewGuid()}/recall", null, ["editor"], []),
            (HttpMethod.Get, "/api/content/matrix-drug/related", null, staff, []),
            (HttpMethod.Post, "/api/content/matrix-drug/withdrawal", new { reason = "Matrix" }, ["reviewer", "unqualified-reviewer", "admin"], []),
            (HttpMethod.Get, "/api/reviews?status=pending", null, ["reviewer", "unqualified-reviewer", "admin"], []),
            (HttpMethod.Get, "/api/reviews?status=pending&awaiting=me", null, ["reviewer", "unqualified-reviewer", "admin"], []),
            (HttpMethod.Get, $"/api/reviews/{reviewId}", null, ["reviewer", "unqualified-reviewer", "admin"], []),
            (HttpMethod.Get, $"/api/reviews/{reviewId}/progress", null, staff, []),
            // An unqualified reviewer passes the role check and is refused by the sign-off rule: still a 403.
            (HttpMethod.Post, $"/api/reviews/{reviewId}/approvals", new { comment = "ok", referencesChecked = true }, reviewers, ["unqualified-reviewer"]),
            (HttpMethod.Post, $"/api/reviews/{reviewId}/change-requests", new { comment = "Please fix" }, reviewers, []),
            (HttpMethod.Post, "/api/reviews/periodic", new { slug = "matrix-drug", comment = "ok", referencesChecked = true }, reviewers, ["unqualified-reviewer"]),
            (HttpMethod.Get, "/api/search?q=matrix", null, null, []),
            (HttpMethod.Get, "/api/published/matrix-drug", null, null, []),
            (HttpMethod.Get, "/api/changes", null, null, []),
            (HttpMethod.Get, "/feed.atom", null, null, []),
            (HttpMethod.Get, "/api/search/rebuild", null, ["admin"], []),
            (HttpMethod.Post, "/api/search/rebuild", null, ["admin"], []),
            (HttpMethod.Get, "/api/subscriptions", null, ["admin"], []),
            (HttpMethod.Post, "/api/subscriptions", new { name = "M2", url = "https://subscriber.example.org/two", events = new[] { "content.withdrawn" } }, ["admin"], []),
            (HttpMethod.Get, $"/api/subscriptions/{subscriptionId}", null, ["admin"], []),
            (HttpMethod.Get, $"/api/subscriptions/{subscriptionId}/deliveries", null, ["admin"], []),
            (HttpMethod.Post, $"/api/subscriptions/{subscriptionId}/deliveries/1/redeliver", null, ["admin"], []),
            (HttpMethod.Get, "/api/notifications/events", null, ["admin"], []),
            (HttpMethod.Get, "/openapi/v1.json", null, ["admin"], []),
            (HttpMethod.Get, "/api/internal/published", null, [], []), // other services only, never a person
            (HttpMethod.Delete, $"/api/subscriptions/{subscriptionId}", null, ["admin"], []),
        };

        var wrong = new List<string>();
        foreach (var (method, path, body, allowed, refusals) in routes)
        foreach (var (caller, client) in callers)
        {
            var want = Expect(caller, allowed, refusals);
            using var response = await Send(client, method, path, body);
            var status = (int)response.StatusCode;
            var ok = want switch
            {
                Want.Unauthorized => status == 401,
                Want.Forbidden => status == 403,
                _ => status is not (401 or 403) && status < 500,
            };
            if (!ok) wrong.Add($"{method} {path} as {caller}: {status}, wanted {want}");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private static Want Expect(string caller, string[]? allowed, string[] ruleRefusals)
    {
        if (allowed is null) return Want.Allowed; // anonymous routes: a bad token is ignored, not an error
        if (caller is "anonymous" || caller.StartsWith("forged", StringComparison.Ordinal)) return Want.Unauthorized;
        if (caller == "no-role") return Want.Forbidden;
        return allowed.Contains(caller) && !ruleRefusals.Contains(caller) ? Want.Allowed : Want.Forbidden;
    }

    private async Task<Dictionary<string, HttpClient?>> CallersAsync()
    {
        var devKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(DevKey));
        Claim[] admin = [new("sub", "mallory"), new("name", "Mallory"), new("role", "admin"), new("role", "reviewer"), new("role", "editor"), new("qualification", "Forged")];
        return new Dictionary<string, HttpClient?>
        {
            ["anonymous"] = null,
            ["editor"] = await _host.ClientAsAsync("editor-1", "editor"),
            ["reviewer"] = await _host.ClientAsAsync("reviewer-1", "reviewer", "Clinical pharmacist"),
            ["unqualified-reviewer"] = await _host.ClientAsAsync("reviewer-2", "reviewer"),
            ["admin"] = await _host.ClientAsAsync("admin-1", "admin"),
            ["forged-alg-none"] = Bearer(Unsigned(admin)),
            ["forged-wrong-key"] = Bearer(ProductionIdentityTests.Sign(new SymmetricSecurityKey(Encoding.UTF8.GetBytes("an-attackers-own-key-of-enough-length!!")), SecurityAlgorithms.HmacSha256, "publishing", "publishing", admin)),
            ["forged-expired"] = Bearer(ProductionIdentityTests.Sign(devKey, SecurityAlgorithms.HmacSha256, "publishing", "publishing", admin, DateTime.UtcNow.AddHours(-1))),
            ["forged-wrong-audience"] = Bearer(ProductionIdentityTests.Sign(devKey, SecurityAlgorithms.HmacSha256, "publishing", "another-api", admin)),
            ["forged-no-subject"] = Bearer(ProductionIdentityTests.Sign(devKey, SecurityAlgorithms.HmacSha256, "publishing", "publishing", admin.Where(c => c.Type != "sub"))),
            ["no-role"] = Bearer(ProductionIdentityTests.Sign(devKey, SecurityAlgorithms.HmacSha256, "publishing", "publishing", [new("sub", "someone"), new("name", "Someone")])),
        };
    }

    private HttpClient Bearer(string token)
    {
        var client = new HttpClient { BaseAddress = _host.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A JWT with "alg": "none" and no signature, claiming to be every role.</summary>
    private static string Unsigned(IEnumerable<Claim> claims)
    {
        static string Part(object value) => Base64UrlEncoder.Encode(JsonSerializer.Serialize(value));
        var payload = claims.GroupBy(c => c.Type).ToDictionary(g => g.Key, g => g.Count() == 1 ? (object)g.First().Value : g.Select(c => c.Value).ToArray());
        payload["iss"] = "publishing";
        payload["aud"] = "publishing";
        payload["exp"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        return $"{Part(new { alg = "none", typ = "JWT" })}.{Part(payload)}.";
    }

    private async Task<HttpResponseMessage> Send(HttpClient? client, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType());
        return await (client ?? _host.Http).SendAsync(request);
    }

    private static object NewDrug(string slug) => new { type = "drug", slug, title = $"Matrix {slug}", fields = Workflow.DrugFields(slug) };

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
    }
}
