using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Publishing.Authoring;
using Publishing.Notifications;
using Publishing.Review;
using Publishing.SearchIndexing;
using Publishing.Standalone;
using Publishing.Studio;
using Publishing.Testing;
using Xunit;

namespace Publishing.EndToEnd.Tests.Security;

/// <summary>
/// Every endpoint of every host states who may call it: an authorization policy or an explicit
/// anonymous marker. An endpoint added without either fails here, before it can ship open.
/// </summary>
public sealed class AccessDecisionTests
{
    public static TheoryData<string> Hosts => ["authoring", "review", "search-indexing", "notifications", "studio", "standalone"];

    private static readonly Dictionary<string, Func<string[], Action<WebApplicationBuilder>?, WebApplication>> Factories = new()
    {
        ["authoring"] = AuthoringHost.Create,
        ["review"] = ReviewHost.Create,
        ["search-indexing"] = SearchIndexingHost.Create,
        ["notifications"] = NotificationsHost.Create,
        ["studio"] = StudioHost.Create,
        ["standalone"] = StandaloneHost.Create,
    };

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task Every_endpoint_has_a_policy_or_an_explicit_anonymous_marker(string name)
    {
        using var data = new TempDirectory();
        var settings = ServiceHost.Settings(rabbitMq: null, data.Path);
        settings["OpenApi:Anonymous"] = "false";
        await using var host = await ServiceHost.StartAsync(Factories[name], settings);

        var endpoints = ((IEndpointRouteBuilder)host.App).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);
        var undecided = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null
                        && !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any()
                        && !e.Metadata.GetOrderedMetadata<AuthorizationPolicy>().Any())
            .Select(Describe)
            .ToList();
        Assert.True(undecided.Count == 0, $"{name}: endpoints without an access decision:\n{string.Join("\n", undecided)}");
    }

    [Fact]
    public async Task The_openapi_document_and_internal_routes_are_for_admins_and_services_only()
    {
        using var data = new TempDirectory();
        var settings = ServiceHost.Settings(rabbitMq: null, data.Path);
        settings["OpenApi:Anonymous"] = "false"; // the demo's Development settings turn it on
        await using var host = await ServiceHost.StartAsync(StandaloneHost.Create, settings);

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await host.Http.GetAsync("/openapi/v1.json")).StatusCode);
        var editor = await host.ClientAsAsync("editor-1", "editor");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await editor.GetAsync("/openapi/v1.json")).StatusCode);
        var admin = await host.ClientAsAsync("admin-1", "admin");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await admin.GetAsync("/openapi/v1.json")).StatusCode);
        // An admin is a person; the internal listing answers only another service's own token.
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await admin.GetAsync("/api/internal/published")).StatusCode);
    }

    private static string Describe(RouteEndpoint e) =>
        $"{string.Join(",", e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])} /{e.RoutePattern.RawText?.TrimStart('/')} ({e.DisplayName})";
}
