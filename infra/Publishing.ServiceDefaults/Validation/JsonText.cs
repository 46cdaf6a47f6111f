using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Publishing.ServiceDefaults.Validation;

/// <summary>
/// Reads a request's text member so that <see cref="TextHygiene"/> decides about it. System.Text.Json
/// refuses a string it cannot turn into UTF-16 (a lone surrogate escape such as <c>"\ud800"</c>,
/// invalid UTF-8) by failing the whole body with a 400 that names no field; this hands such a
/// string on as <see cref="TextHygiene.Unreadable"/>, so the handler refuses it with 422 under the
/// member's name like any other broken character. Put it on every text member of a request record:
/// <c>[property: JsonConverter(typeof(JsonText))] string? Title</c>.
/// </summary>
public sealed class JsonText : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException($"Expected text, not {reader.TokenType}.");
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return TextHygiene.Unreadable;
        }
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>
/// The OpenAPI document cannot see through a custom converter and would describe a <see cref="JsonText"/>
/// member as "anything"; this describes it as the text it is.
/// </summary>
public sealed class JsonTextSchema : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo?.CustomConverter is JsonText)
            schema.Type = context.JsonPropertyInfo.IsGetNullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        return Task.CompletedTask;
    }
}
