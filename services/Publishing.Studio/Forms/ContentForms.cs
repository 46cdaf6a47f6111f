using System.Text.Json;
using System.Text.Json.Nodes;

namespace Publishing.Studio.Forms;

public static class Vocabulary
{
    public static readonly (string, string)[] Types = [("drug", "Drug entry"), ("article", "Article")];

    public static readonly (string, string)[] Statuses =
        [("draft", "Draft"), ("in-review", "In review"), ("changes-requested", "Changes requested"), ("published", "Published"), ("withdrawn", "Withdrawn")];

    public static readonly (string, string)[] Bodies =
        [("MHRA", "MHRA"), ("EMA", "EMA"), ("FDA", "FDA"), ("NICE", "NICE"), ("SMC", "SMC"), ("AWMSG", "AWMSG"), ("CDF", "CDF")];

    public static readonly (string, string)[] Decisions =
    [
        ("authorised", "Authorised"), ("conditional", "Conditional"), ("recommended", "Recommended"),
        ("not-recommended", "Not recommended"), ("not-appraised", "Not appraised"), ("cdf-only", "Cancer Drugs Fund only"),
        ("suspended", "Suspended"), ("withdrawn", "Withdrawn"),
    ];

    public static readonly (string, string)[] Reasons =
        [("safety", "Safety"), ("new-evidence", "New evidence"), ("regulatory", "Regulatory"), ("editorial", "Editorial")];

    public static readonly (string, string)[] ChangeClasses =
        [("editorial", "Editorial"), ("clinical", "Clinical"), ("safety", "Safety")];

    public static readonly (string, string)[] Events =
        [("content.published", "content.published"), ("content.withdrawn", "content.withdrawn"), ("content.reviewed", "content.reviewed")];

    public static string Text((string, string)[] list, string? value) =>
        list.FirstOrDefault(x => x.Item1 == value).Item2 ?? value ?? "";
}

public sealed class IndicationRow
{
    public string? Condition { get; set; }
    public string? LineOfTherapy { get; set; }
    public string? Biomarker { get; set; }
    public string? Jurisdiction { get; set; }
}

public sealed class AdministrationForm
{
    public string? Route { get; set; }
    public string? Form { get; set; }
    public string? Dose { get; set; }
    public string? Schedule { get; set; }
    public string? FoodAdvice { get; set; }
}

public sealed class ApprovalRow
{
    public string? Body { get; set; }
    public string? Decision { get; set; }
    public string? Reference { get; set; }
    public string? Date { get; set; }
    public string? Url { get; set; }
}

public sealed class ReferenceRow
{
    public string? Id { get; set; }
    public string? Title { get; set; }
    public string? Publisher { get; set; }
    public string? Url { get; set; }
    public string? Accessed { get; set; }
}

public sealed class SectionRow
{
    public string? Heading { get; set; }
    public string? Body { get; set; }
}

/// <summary>
/// The drug entry as the form posts it. Free text stays text (dates included) so whatever the
/// editor typed comes back to them unchanged; the API validates and names the field in error.
/// </summary>
public sealed class DrugForm
{
    public string? GenericName { get; set; }
    public string? BrandNames { get; set; }
    public string? DrugClass { get; set; }
    public string? Mechanism { get; set; }
    public List<IndicationRow> Indications { get; set; } = [];
    public AdministrationForm Administration { get; set; } = new();
    public List<string?> CommonSideEffects { get; set; } = [];
    public List<string?> SeriousSideEffects { get; set; } = [];
    public string? ContactTeamIf { get; set; }
    public List<ApprovalRow> Approvals { get; set; } = [];
    public string? EvidenceNotes { get; set; }
    public List<ReferenceRow> References { get; set; } = [];
    public string? Tags { get; set; }

    public static DrugForm Empty() => new()
    {
        Indications = [new()], CommonSideEffects = [""], SeriousSideEffects = [""], Approvals = [new()],
        References = [new() { Id = "ref-1", Accessed = DateTime.UtcNow.ToString("yyyy-MM-dd") }],
    };

    public static DrugForm From(JsonElement f)
    {
        var admin = f.Get("administration");
        var effects = f.Get("sideEffects");
        return new DrugForm
        {
            GenericName = f.Str("genericName"),
            BrandNames = string.Join(", ", f.Strings("brandNames")),
            DrugClass = f.Str("drugClass"),
            Mechanism = f.Str("mechanism"),
            Indications = f.Items("indications").Select(i => new IndicationRow
            {
                Condition = i.Str("condition"), LineOfTherapy = i.Str("lineOfTherapy"), Biomarker = i.Str("biomarker"), Jurisdiction = i.Str("jurisdiction"),
            }).ToList(),
            Administration = new AdministrationForm
            {
                Route = admin.Str("route"), Form = admin.Str("form"), Dose = admin.Str("dose"), Schedule = admin.Str("schedule"), FoodAdvice = admin.Str("foodAdvice"),
            },
            CommonSideEffects = effects.Strings("common").Select(s => (string?)s).ToList(),
            SeriousSideEffects = effects.Strings("serious").Select(s => (string?)s).ToList(),
            ContactTeamIf = effects.Str("contactTeamIf"),
            Approvals = f.Items("approvals").Select(a => new ApprovalRow
            {
                Body = a.Str("body"), Decision = a.Str("decision"), Reference = a.Str("reference"), Date = a.Str("date"), Url = a.Str("url"),
            }).ToList(),
            EvidenceNotes = f.Str("evidenceNotes"),
            References = f.Items("references").Select(r => new ReferenceRow
            {
                Id = r.Str("id"), Title = r.Str("title"), Publisher = r.Str("publisher"), Url = r.Str("url"), Accessed = r.Str("accessed"),
            }).ToList(),
            Tags = f.Get("tags").ValueKind == JsonValueKind.Array ? string.Join(", ", f.Strings("tags")) : null,
        };
    }

    public JsonElement ToJson()
    {
        var json = new JsonObject
        {
            ["genericName"] = Req(GenericName),
            ["brandNames"] = List(BrandNames),
            ["drugClass"] = Req(DrugClass),
            ["mechanism"] = Req(Mechanism),
            ["indications"] = new JsonArray(Indications.Select(i => (JsonNode)new JsonObject
            {
                ["condition"] = Req(i.Condition), ["lineOfTherapy"] = Req(i.LineOfTherapy),
                ["biomarker"] = Opt(i.Biomarker), ["jurisdiction"] = Opt(i.Jurisdiction),
            }).ToArray()),
            ["administration"] = new JsonObject
            {
                ["route"] = Req(Administration.Route), ["form"] = Req(Administration.Form), ["dose"] = Req(Administration.Dose),
                ["schedule"] = Req(Administration.Schedule), ["foodAdvice"] = Req(Administration.FoodAdvice),
            },
            ["sideEffects"] = new JsonObject
            {
                ["common"] = new JsonArray(CommonSideEffects.Select(s => (JsonNode?)Req(s)).ToArray()),
                ["serious"] = new JsonArray(SeriousSideEffects.Select(s => (JsonNode?)Req(s)).ToArray()),
                ["contactTeamIf"] = Req(ContactTeamIf),
            },
            ["approvals"] = new JsonArray(Approvals.Select(a => (JsonNode)new JsonObject
            {
                ["body"] = Req(a.Body), ["decision"] = Req(a.Decision), ["reference"] = Opt(a.Reference),
                ["date"] = Opt(a.Date), ["url"] = Opt(a.Url),
            }).ToArray()),
            ["evidenceNotes"] = Req(EvidenceNotes),
            ["references"] = new JsonArray(References.Select(r => (JsonNode)new JsonObject
            {
                ["id"] = Req(r.Id), ["title"] = Req(r.Title), ["publisher"] = Req(r.Publisher), ["url"] = Req(r.Url), ["accessed"] = Req(r.Accessed),
            }).ToArray()),
        };
        if (!string.IsNullOrWhiteSpace(Tags)) json["tags"] = List(Tags);
        return JsonSerializer.SerializeToElement(json);
    }

    /// <summary>Adds, removes or moves a row: <c>add:list</c>, <c>remove:list:i</c>, <c>up:list:i</c>, <c>down:list:i</c>.</summary>
    public string? Apply(RowOp op) => op.List switch
    {
        "indications" => op.ApplyTo(Indications, () => new IndicationRow()),
        "common" => op.ApplyTo(CommonSideEffects, () => ""),
        "serious" => op.ApplyTo(SeriousSideEffects, () => ""),
        "approvals" => op.ApplyTo(Approvals, () => new ApprovalRow()),
        "references" => op.ApplyTo(References, () => new ReferenceRow
        {
            Id = NextReferenceId(), Accessed = DateTime.UtcNow.ToString("yyyy-MM-dd"),
        }),
        _ => null,
    };

    private string NextReferenceId()
    {
        var n = References.Count + 1;
        while (References.Any(r => r.Id == $"ref-{n}")) n++;
        return $"ref-{n}";
    }

    internal static JsonNode Req(string? value) => JsonValue.Create((value ?? "").Trim());

    internal static JsonNode? Opt(string? value) => string.IsNullOrWhiteSpace(value) ? null : JsonValue.Create(value.Trim());

    internal static JsonArray List(string? commaSeparated) => new(
        (commaSeparated ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());
}

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
        ["title"] = DrugForm.Req(Title),
        ["summary"] = DrugForm.Req(Summary),
        ["sections"] = new JsonArray(Sections.Select(s => (JsonNode)new JsonObject
        {
            ["heading"] = DrugForm.Req(s.Heading), ["body"] = JsonValue.Create(s.Body ?? ""),
        }).ToArray()),
        ["relatedDrugs"] = DrugForm.List(RelatedDrugs),
        ["conditions"] = DrugForm.List(Conditions),
        ["tags"] = DrugForm.List(Tags),
    });

    public string? Apply(RowOp op) => op.List == "sections" ? op.ApplyTo(Sections, () => new SectionRow()) : null;
}

/// <summary>A row button's value: what to do to which list; the focus target after it is done.</summary>
public sealed record RowOp(string Action, string List, int Index)
{
    public static RowOp? Parse(string? value)
    {
        var parts = (value ?? "").Split(':');
        if (parts.Length < 2 || parts[0] is not ("add" or "remove" or "up" or "down")) return null;
        var index = parts.Length > 2 && int.TryParse(parts[2], out var i) ? i : -1;
        return new RowOp(parts[0], parts[1], index);
    }

    /// <returns>What happened, for the status message read out after the page reloads.</returns>
    public string? ApplyTo<T>(List<T> list, Func<T> create)
    {
        switch (Action)
        {
            case "add":
                list.Add(create());
                return $"Row {list.Count} added.";
            case "remove" when Index >= 0 && Index < list.Count:
                list.RemoveAt(Index);
                return $"Row {Index + 1} removed.";
            case "up" when Index > 0 && Index < list.Count:
                (list[Index - 1], list[Index]) = (list[Index], list[Index - 1]);
                return $"Row {Index + 1} moved up to {Index}.";
            case "down" when Index >= 0 && Index < list.Count - 1:
                (list[Index + 1], list[Index]) = (list[Index], list[Index + 1]);
                return $"Row {Index + 1} moved down to {Index + 2}.";
            default:
                return null;
        }
    }
}

internal static class JsonRead
{
    public static JsonElement Get(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v : default;

    public static string? Str(this JsonElement e, string name)
    {
        var v = e.Get(name);
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Undefined or JsonValueKind.Null => null,
            _ => v.GetRawText(),
        };
    }

    public static IEnumerable<JsonElement> Items(this JsonElement e, string name)
    {
        var v = e.Get(name);
        return v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().ToList() : [];
    }

    public static IEnumerable<string> Strings(this JsonElement e, string name) =>
        e.Items(name).Select(x => x.ValueKind == JsonValueKind.String ? x.GetString() ?? "" : x.GetRawText());
}
