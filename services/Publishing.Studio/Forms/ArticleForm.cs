using System.Text.Json;
using System.Text.Json.Nodes;
using static Publishing.Studio.Forms.JsonWrite;

namespace Publishing.Studio.Forms;

/// <summary>The article as the form posts it; the API validates and names the field in error.</summary>
public sealed class ArticleForm
{
    public string? Title { get; set; }
    public string? Summary { get; set; }
    public List<SectionRow> Sections { get; set; } = [];
    public string? RelatedDrugs { get; set; }
    public string? Conditions { get; set; }
    public string? Tags { get; set; }

    public static ArticleForm Empty() => new() { Sections = [new()] };

    public static ArticleForm From(JsonElement f) => new()
    {
        Title = f.Str("title"),
        Summary = f.Str("summary"),
        Sections = f.Items("sections").Select(s => new SectionRow { Heading = s.Str("heading"), Body = s.Str("body") }).ToList(),
        RelatedDrugs = string.Join(", ", f.Strings("relatedDrugs")),
        Conditions = string.Join(", ", f.Strings("conditions")),
        Tags = string.Join(", ", f.Strings("tags")),
    };

    public JsonElement ToJson() => JsonSerializer.SerializeToElement(new JsonObject
    {
        ["title"] = Req(Title),
        ["summary"] = Req(Summary),
        ["sections"] = new JsonArray(Sections.Select(s => (JsonNode)new JsonObject
        {
            ["heading"] = Req(s.Heading), ["body"] = JsonValue.Create(Lf(s.Body)),
        }).ToArray()),
        ["relatedDrugs"] = List(RelatedDrugs),
        ["conditions"] = List(Conditions),
        ["tags"] = List(Tags),
    });

    public string? Apply(RowOp op) => op.List == "sections" ? op.ApplyTo(Sections, () => new SectionRow()) : null;
}

public sealed class SectionRow
{
    public string? Heading { get; set; }
    public string? Body { get; set; }
}
