using System.Text.Json;
using Publishing.Contracts;

namespace Publishing.Review.Reviews;

/// <summary>The submission's diff is stored as JSON text: it is only ever shown, never queried.</summary>
public static class FieldChanges
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Serialize(IReadOnlyList<FieldChange> changes) => JsonSerializer.Serialize(changes, Json);

    public static IReadOnlyList<FieldChange> Parse(string json) =>
        JsonSerializer.Deserialize<List<FieldChange>>(json, Json) ?? [];
}
