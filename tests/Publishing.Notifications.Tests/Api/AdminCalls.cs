using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Publishing.Notifications.Tests.Api;

public sealed record Created(Guid Id, string Secret);

/// <summary>The admin calls the tests make.</summary>
public static class AdminCalls
{
    public static readonly string[] AllEvents = ["content.published", "content.withdrawn", "content.reviewed"];

    public static Task<HttpResponseMessage> PostSubscriptionAsync(
        this HttpClient http, string url, string[]? events = null, object? filter = null, string name = "Test site") =>
        http.PostAsJsonAsync("/api/subscriptions", new { name, url, events = events ?? AllEvents, filter });

    public static async Task<Created> SubscribeAsync(
        this HttpClient http, Uri url, string[]? events = null, object? filter = null, string name = "Test site")
    {
        var response = await http.PostSubscriptionAsync(url.ToString(), events, filter, name);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Created>())!;
    }

    public static Task<JsonElement> DeliveriesAsync(this HttpClient http, Guid subscription) =>
        http.GetFromJsonAsync<JsonElement>($"/api/subscriptions/{subscription}/deliveries");

    public static string Slug(string stem) => $"{stem}-{Guid.NewGuid().ToString("N")[..6]}";
}
