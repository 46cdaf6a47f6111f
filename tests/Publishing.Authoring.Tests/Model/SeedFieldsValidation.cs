using System.Text.Json;
using System.Text.Json.Nodes;
using Publishing.Authoring.Content.Model;
using Xunit;

namespace Publishing.Authoring.Tests.Model;

/// <summary>
/// The fixtures of the ContentFields tests: the sample entries' fields from Seed/, and
/// <see cref="ContentFields.Validate"/> run on a fixed clock, expecting valid fields or errors.
/// </summary>
internal static class SeedFieldsValidation
{
    internal static readonly string SeedFolder = Path.Combine(AppContext.BaseDirectory, "Seed");

    /// <summary>A day after the newest date in the seed files, so the tests do not depend on the real clock.</summary>
    internal static readonly TimeProvider Clock = new FixedClock(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));

    internal static (string Type, JsonObject Fields) Seed(string file)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(SeedFolder, file)))!.AsObject();
        return ((string)root["type"]!, root["fields"]!.AsObject());
    }

    internal static JsonObject Imatinib() => Seed("imatinib.json").Fields;

    internal static JsonObject SarcomaArticle() => Seed("targeted-therapy-soft-tissue-sarcoma.json").Fields;

    internal static JsonElement ToElement(JsonNode node) => JsonElementOf(node.ToJsonString());

    internal static JsonElement JsonElementOf(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }

    internal static JsonElement Normalize(string type, JsonObject fields)
    {
        var result = ContentFields.Validate(type, ToElement(fields), Clock);
        Assert.True(result.IsValid, Describe(result));
        return result.Normalized!.Value;
    }

    internal static Dictionary<string, string[]> Errors(string type, JsonObject fields) => Errors(type, ToElement(fields));

    internal static Dictionary<string, string[]> Errors(string type, JsonElement fields)
    {
        var result = ContentFields.Validate(type, fields, Clock);
        Assert.False(result.IsValid, "Expected errors but the fields validated.");
        Assert.Null(result.Normalized);
        Assert.Null(result.Value);
        Assert.All(result.Errors!, e => Assert.NotEmpty(e.Value));
        return result.Errors!;
    }

    internal static string Describe(ContentFieldsResult result) =>
        result.Errors is null ? "valid" : string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
