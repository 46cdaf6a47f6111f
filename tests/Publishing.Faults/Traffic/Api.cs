using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Publishing.Faults.Traffic;

/// <summary>A step the system refused for good (a 4xx it should not have answered), or that did not succeed in time.</summary>
public sealed class StepFailed(string message) : Exception(message);

/// <summary>
/// Calls to a service that may be down, restarting or cut off: a connection failure, a timeout, a 5xx or a 429
/// is tried again every 250 ms until the step's deadline; any answer in <c>accepted</c> ends the step.
/// </summary>
public static class Api
{
    public static HttpClient Client(Uri address, string token)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<HttpResponseMessage> SendAsync(
        HttpClient client, Func<HttpRequestMessage> request, TimeSpan deadline, string what, params HttpStatusCode[] accepted)
    {
        var watch = Stopwatch.StartNew();
        var last = "no answer";
        while (true)
        {
            try
            {
                var response = await client.SendAsync(request());
                if (accepted.Contains(response.StatusCode)) return response;
                var status = (int)response.StatusCode;
                last = $"{status} {Truncate(await response.Content.ReadAsStringAsync())}";
                response.Dispose();
                if (status < 500 && status != 429) throw new StepFailed($"{what}: {last}");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                last = ex.Message;
            }
            if (watch.Elapsed > deadline) throw new StepFailed($"{what}: nothing but failures for {deadline.TotalSeconds:0} s (last: {last})");
            await Task.Delay(250);
        }
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body, TimeSpan deadline, params HttpStatusCode[] accepted) =>
        SendAsync(client, () => new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) }, deadline, $"POST {path}", accepted);

    public static Task<HttpResponseMessage> GetAsync(HttpClient client, string path, TimeSpan deadline, params HttpStatusCode[] accepted) =>
        SendAsync(client, () => new HttpRequestMessage(HttpMethod.Get, path), deadline, $"GET {path}", accepted);

    /// <summary>One GET that may fail (a poll): null when the service did not answer.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)?> TryGetAsync(HttpClient client, string path)
    {
        try
        {
            using var response = await client.GetAsync(path);
            if ((int)response.StatusCode >= 500) return null;
            var text = await response.Content.ReadAsStringAsync();
            var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
            return (response.StatusCode, body);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            return null;
        }
    }

    /// <summary>A token from Authoring's development issuer; every service accepts it (the issuer's built-in key).</summary>
    public static async Task<string> DevTokenAsync(HttpClient authoring, string userId, string role, string? qualification, TimeSpan deadline)
    {
        using var response = await PostAsync(authoring, "api/dev/tokens",
            new { userId, name = $"Fault suite {userId}", roles = new[] { role }, qualification }, deadline, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
