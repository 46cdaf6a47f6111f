using System.Text.Json;
using System.Text.Json.Nodes;

namespace Publishing.Authoring.Tests.Api;

/// <summary>The seeded sample entries as request bodies, to edit in tests.</summary>
public static class Samples
{
    public static JsonObject Load(string slug) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Seed", $"{slug}.json")))!.AsObject();

    /// <summary>A create request for a sample under another slug, so tests never collide.</summary>
    public static JsonObject CreateRequest(string sample, string slug)
    {
        var doc = Load(sample);
        doc["slug"] = slug;
        return doc;
    }

    public static JsonObject Fields(JsonObject request) => request["fields"]!.AsObject();

    public static JsonObject UpdateRequest(JsonObject request) =>
        new() { ["title"] = request["title"]!.GetValue<string>(), ["fields"] = Fields(request).DeepClone() };

    public static string Json(JsonNode node) => node.ToJsonString(JsonSerializerOptions.Web);
}
