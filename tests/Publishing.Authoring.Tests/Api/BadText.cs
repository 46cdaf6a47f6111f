using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit;

namespace Publishing.Authoring.Tests.Api;

/// <summary>
/// Text the character rule must refuse, put into one member of a request body at a time, and the
/// members that are long text (where line breaks and tabs are fine).
/// </summary>
public static partial class BadText
{
    /// <summary>Stands for the JSON escape <c>\ud800</c> (a lone surrogate), which a JsonNode cannot hold; <see cref="Json"/> swaps it in.</summary>
    public const string LoneSurrogate = "LONE-SURROGATE-HERE";

    /// <summary>Refused in every member.</summary>
    public static readonly (string Name, string Text)[] Anywhere =
    [
        ("NUL", "\u0000"), ("ESC", "\u001B[31m"), ("right-to-left override", "\u202E"), ("left-to-right isolate", "\u2066"),
        ("zero-width space", "\u200B"), ("lone surrogate", LoneSurrogate),
    ];

    /// <summary>Refused in single-line members only.</summary>
    public static readonly (string Name, string Text)[] LineBreaks = [("newline", "\n"), ("tab", "\t")];

    /// <summary>The members of a content body whose text is prose, by path with list indexes left out.</summary>
    private static readonly HashSet<string> LongTextMembers =
    [
        "fields.mechanism", "fields.administration.dose", "fields.administration.schedule", "fields.administration.foodAdvice",
        "fields.sideEffects.contactTeamIf", "fields.evidenceNotes", "fields.summary", "fields.sections[].body",
    ];

    public static bool IsLongText(string path) => LongTextMembers.Contains(Index().Replace(path, "[]"));

    /// <summary>What must be refused in the member at <paramref name="path"/> of a content body.</summary>
    public static IEnumerable<(string Name, string Text)> For(string path) => For(IsLongText(path));

    public static IEnumerable<(string Name, string Text)> For(bool longText) => longText ? Anywhere : [.. Anywhere, .. LineBreaks];

    /// <summary>
    /// The path of every text member of <paramref name="body"/> ("fields.indications[2].condition"), once per
    /// member of a list item (its last item, so the index in the error is checked too).
    /// </summary>
    public static IReadOnlyList<string> Paths(JsonNode body)
    {
        var byShape = new Dictionary<string, string>();
        foreach (var path in StringNodes(body).Select(n => n.GetPath()[2..])) byShape[Index().Replace(path, "[]")] = path;
        return [.. byShape.Values];
    }

    /// <summary>A copy of <paramref name="body"/> with <paramref name="inserted"/> in the middle of the text at <paramref name="path"/>.</summary>
    public static JsonNode With(JsonNode body, string path, string inserted)
    {
        var copy = body.DeepClone();
        var node = StringNodes(copy).Single(n => n.GetPath() == "$." + path);
        var text = node.GetValue<string>();
        var middle = text.Length / 2;
        if (middle < text.Length && char.IsLowSurrogate(text[middle])) middle++;
        node.ReplaceWith(text[..middle] + inserted + text[middle..]);
        return copy;
    }

    /// <summary>The text of <paramref name="body"/>, with <see cref="LoneSurrogate"/> as the escape it stands for.</summary>
    public static string Json(JsonNode body) => Samples.Json(body).Replace(LoneSurrogate, "\\ud800", StringComparison.Ordinal);

    public static StringContent Content(JsonNode body) => new(Json(body), Encoding.UTF8, "application/json");

    /// <summary>Asserts a 422 problem whose <c>errors</c> names <paramref name="path"/>.</summary>
    public static async Task AssertRefused(HttpResponseMessage response, string path, string why)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{why}: expected 422, got {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(path, out _), $"{why}: expected an error for '{path}' in {errors}");
    }

    public static async Task<HttpResponseMessage> PutAsync(HttpClient http, string slug, JsonNode body, string ifMatch = "\"1\"")
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/content/{slug}") { Content = Content(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await http.SendAsync(request);
    }

    /// <summary>The value at <paramref name="path"/> of a JSON answer, e.g. the stored text of a member.</summary>
    public static async Task<string?> StoredAsync(HttpClient http, string slug, string path)
    {
        var item = JsonNode.Parse(await http.GetStringAsync($"/api/content/{slug}"));
        return StringNodes(item).SingleOrDefault(n => n.GetPath() == "$." + path)?.GetValue<string>();
    }

    private static IEnumerable<JsonNode> StringNodes(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => StringNodes(p.Value)),
        JsonArray a => a.SelectMany(StringNodes),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => [v],
        _ => [],
    };

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Index();
}
