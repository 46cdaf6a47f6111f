using System.Text.Json;
using System.Text.RegularExpressions;

namespace Publishing.Deployment.Tests;

/// <summary>infra/keycloak/publishing-realm.json, the Keycloak realm compose imports, parsed.</summary>
internal sealed partial class Realm
{
    public const string FileName = "infra/keycloak/publishing-realm.json";

    public JsonElement Root { get; }

    private Realm(JsonElement root) => Root = root;

    public static Realm Load()
    {
        var path = Repo.PathOf(FileName);
        Assert.True(File.Exists(path), $"{FileName} is missing.");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return new Realm(document.RootElement.Clone());
    }

    public string Name => Root.GetProperty("realm").GetString()!;

    public IEnumerable<string> RealmRoles => Array(Root, "roles", "realm").Select(r => r.GetProperty("name").GetString()!);

    public IReadOnlyList<JsonElement> ClientScopes => Array(Root, "clientScopes").ToList();

    public IReadOnlyList<JsonElement> Clients => Array(Root, "clients").ToList();

    public IReadOnlyList<JsonElement> Users => Array(Root, "users").ToList();

    /// <summary>The people: every user that is not a client's service account.</summary>
    public IEnumerable<JsonElement> People => Users.Where(u => !u.TryGetProperty("serviceAccountClientId", out _));

    public JsonElement? Client(string clientId) =>
        Clients.Where(c => Text(c, "clientId") == clientId).Select(c => (JsonElement?)c).FirstOrDefault();

    public JsonElement? ClientScope(string name) =>
        ClientScopes.Where(s => Text(s, "name") == name).Select(s => (JsonElement?)s).FirstOrDefault();

    /// <summary>The protocol mappers a client's tokens get: its own and those of its default client scopes.</summary>
    public IEnumerable<JsonElement> MappersOf(JsonElement client) =>
        Array(client, "protocolMappers").Concat(
            Strings(client, "defaultClientScopes")
                .Select(ClientScope).OfType<JsonElement>()
                .SelectMany(scope => Array(scope, "protocolMappers")));

    /// <summary>The declarative user profile (Keycloak 24+), which Keycloak keeps as JSON text inside the realm.</summary>
    public JsonElement? UserProfile()
    {
        if (!Root.TryGetProperty("components", out var components)
            || !components.TryGetProperty("org.keycloak.userprofile.UserProfileProvider", out var providers)) return null;
        var text = providers.EnumerateArray()
            .Where(p => Text(p, "providerId") == "declarative-user-profile")
            .SelectMany(p => Array(p, "config", "kc.user.profile.config"))
            .Select(v => v.GetString())
            .FirstOrDefault();
        if (text is null) return null;
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>The environment variable a value like <c>${NAME}</c> asks Keycloak's import to put there, or null.</summary>
    public static string? Placeholder(string? value) =>
        value is not null && PlaceholderPattern().Match(value) is { Success: true } m ? m.Groups["name"].Value : null;

    public static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static bool Flag(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.True;

    public static string? Config(JsonElement mapper, string key) =>
        mapper.TryGetProperty("config", out var config) ? Text(config, key) : null;

    public static string? Attribute(JsonElement element, string key) =>
        element.TryGetProperty("attributes", out var attributes) ? Text(attributes, key) : null;

    public static IEnumerable<string> Strings(JsonElement element, params string[] path) =>
        Array(element, path).Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!);

    public static IEnumerable<JsonElement> Array(JsonElement element, params string[] path)
    {
        foreach (var step in path)
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(step, out element)) return [];
        return element.ValueKind == JsonValueKind.Array ? element.EnumerateArray().ToList() : [];
    }

    [GeneratedRegex(@"^\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)\}$")]
    private static partial Regex PlaceholderPattern();
}
