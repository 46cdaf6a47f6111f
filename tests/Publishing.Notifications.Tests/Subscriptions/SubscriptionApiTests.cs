using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Publishing.Notifications.Tests.Api;
using Xunit;

namespace Publishing.Notifications.Tests.Subscriptions;

public sealed class SubscriptionApiTests
{
    [Fact]
    public async Task An_admin_creates_lists_reads_and_deletes_a_subscription_and_never_sees_the_secret_again()
    {
        using var api = new NotificationsApi();
        var admin = await api.AdminAsync();
        var created = await admin.SubscribeAsync(new Uri("https://medicines.example.org/hooks/publishing"),
            events: ["content.published", "content.withdrawn"], filter: new { types = new[] { "drug" }, slugs = new[] { "imatinib" }, tags = new[] { "gist" } },
            name: "Medicines site");

        var one = await admin.GetFromJsonAsync<JsonElement>($"/api/subscriptions/{created.Id}");
        Assert.Equal("Medicines site", one.GetProperty("name").GetString());
        Assert.Equal("https://medicines.example.org/hooks/publishing", one.GetProperty("url").GetString());
        Assert.Equal(["content.published", "content.withdrawn"], one.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("imatinib", one.GetProperty("filter").GetProperty("slugs")[0].GetString());
        Assert.Equal("active", one.GetProperty("state").GetString());
        Assert.Equal("admin-1", one.GetProperty("ownerId").GetString());

        var listText = await admin.GetStringAsync("/api/subscriptions");
        var oneText = await admin.GetStringAsync($"/api/subscriptions/{created.Id}");
        var deliveriesText = await admin.GetStringAsync($"/api/subscriptions/{created.Id}/deliveries");
        foreach (var text in new[] { listText, oneText, deliveriesText })
        {
            Assert.DoesNotContain(created.Secret, text);
            Assert.DoesNotContain("whsec_", text);
            Assert.DoesNotContain("secret", text, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Single(JsonDocument.Parse(listText).RootElement.EnumerateArray());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/subscriptions/{created.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/subscriptions/{created.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/subscriptions/{created.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/subscriptions/{created.Id}/deliveries")).StatusCode);
    }

    [Fact]
    public async Task Each_subscription_gets_its_own_secret()
    {
        using var api = new NotificationsApi();
        var admin = await api.AdminAsync();
        var a = await admin.SubscribeAsync(new Uri("https://a.example.org/hook"));
        var b = await admin.SubscribeAsync(new Uri("https://b.example.org/hook"));
        Assert.NotEqual(a.Secret, b.Secret);
        Assert.NotEqual(a.Id, b.Id);
    }

    public static TheoryData<string> BadBodies => new()
    {
        """{"url":"https://a.example.org/hook","events":["content.published"]}""",
        """{"name":"  ","url":"https://a.example.org/hook","events":["content.published"]}""",
        """{"name":"x","events":["content.published"]}""",
        """{"name":"x","url":"https://a.example.org/hook"}""",
        """{"name":"x","url":"https://a.example.org/hook","events":[]}""",
        """{"name":"x","url":"https://a.example.org/hook","events":["content.deleted"]}""",
        """{"name":"x","url":"https://a.example.org/hook","events":["content.published"],"filter":{"slugs":["Not A Slug"]}}""",
        """{"name":"x","url":"https://a.example.org/hook","events":["content.published"],"filter":{"tags":[""]}}""",
        """{"name":"x","url":"https://a.example.org/hook","events":"content.published"}""",
        """not json""",
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_input_is_a_400(string body)
    {
        using var api = new NotificationsApi();
        var admin = await api.AdminAsync();
        var response = await admin.PostAsync("/api/subscriptions", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Only_admins_manage_subscriptions()
    {
        using var api = new NotificationsApi();
        var editor = await api.ClientAsAsync("editor-1", "editor");
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync("/api/subscriptions")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.PostSubscriptionAsync("https://a.example.org/hook")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient().GetAsync("/api/subscriptions")).StatusCode);
    }
}
