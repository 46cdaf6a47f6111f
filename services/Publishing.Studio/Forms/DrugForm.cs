using System.Text.Json;
using System.Text.Json.Nodes;
using static Publishing.Studio.Forms.JsonWrite;

namespace Publishing.Studio.Forms;

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
                ["common"] = new JsonArray(CommonSideEffects.Select(s => (JsonNode?)Line(s)).ToArray()),
                ["serious"] = new JsonArray(SeriousSideEffects.Select(s => (JsonNode?)Line(s)).ToArray()),
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
                ["id"] = Req(r.Id), ["title"] = Line(r.Title), ["publisher"] = Req(r.Publisher), ["url"] = Req(r.Url), ["accessed"] = Req(r.Accessed),
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
}
