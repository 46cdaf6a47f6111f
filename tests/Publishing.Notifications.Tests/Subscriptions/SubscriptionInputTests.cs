using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Publishing.Notifications.Tests.Api;
using Xunit;

namespace Publishing.Notifications.Tests.Subscriptions;

/// <summary>What an admin types into a subscription: clean text (422 naming the field otherwise) within limits.</summary>
public sealed class SubscriptionInputTests
{
    public static TheoryData<string, string> UncleanText => new()
    {
        { """{"name":"Medicines\u0000site","url":"https://a.example.org/hook","events":["content.published"]}""", "name" },
        { """{"name":"Medicines \u001b[31msite","url":"https://a.example.org/hook","events":["content.published"]}""", "name" },
        { """{"name":"Site \u202Eetis","url":"https://a.example.org/hook","events":["content.published"]}""", "name" },
        { """{"name":"Two\nlines","url":"https://a.example.org/hook","events":["content.published"]}""", "name" },
        { """{"name":"Site","url":"https://a.example.org/ho\u0007ok","events":["content.published"]}""", "url" },
        { """{"name":"Site","url":"https://a.example.org/hook","events":["content.published"],"filter":{"tags":["gist","sar\u202Ecoma"]}}""", "filter.tags[1]" },
        { """{"name":"Site","url":"https://a.example.org/hook","events":["content.published"],"filter":{"tags":["\u0000"]}}""", "filter.tags[0]" },
        { """{"name":"Site","url":"https://a.example.org/hook","events":["content.published"],"filter":{"types":["dr\u0008ug"]}}""", "filter.types[0]" },
    };

    [Theory]
    [MemberData(nameof(UncleanText))]
    public async Task Control_characters_and_direction_overrides_are_refused_with_422_naming_the_field(string body, string field)
    {
        using var api = new NotificationsApi();
        var admin = await api.AdminAsync();
        var response = await admin.PostAsync("/api/subscriptions", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {problem}");
        Assert.Empty(await admin.GetFromJsonAsync<JsonElement[]>("/api/subscriptions") ?? []);
    }

    [Fact]
    public async Task Names_and_filters_have_limits()
    {
        using var api = new NotificationsApi();
        var admin = await api.AdminAsync();
        var url = "https://a.example.org/hook";
        async Task<JsonElement> Refused(object body)
        {
            var response = await admin.PostAsJsonAsync("/api/subscriptions", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        }
        var events = new[] { "content.published" };

        Assert.True((await Refused(new { name = new string('n', 201), url, events })).TryGetProperty("name", out _));
        var tooMany = Enumerable.Range(0, 51).Select(i => $"tag-{i}").ToArray();
        Assert.True((await Refused(new { name = "Site", url, events, filter = new { tags = tooMany } })).TryGetProperty("filter.tags", out _));
        Assert.True((await Refused(new { name = "Site", url, events, filter = new { tags = new[] { new string('t', 101) } } })).TryGetProperty("filter.tags", out _));
        var slugs = Enumerable.Range(0, 51).Select(i => $"drug-{i}").ToArray();
        Assert.True((await Refused(new { name = "Site", url, events, filter = new { slugs } })).TryGetProperty("filter.slugs", out _));

        // At the limits, it is accepted.
        var atLimits = await admin.PostAsJsonAsync("/api/subscriptions", new
        {
            name = new string('n', 200), url, events,
            filter = new { tags = tooMany[..50].Select(t => t.PadRight(100, 'x')).ToArray(), slugs = slugs[..50] },
        });
        Assert.Equal(HttpStatusCode.Created, atLimits.StatusCode);
        Assert.Single(await admin.GetFromJsonAsync<JsonElement[]>("/api/subscriptions") ?? []);
    }
}
