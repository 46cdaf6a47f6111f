using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Publishing.Authoring.Data;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Authoring.Content.Model;

/// <summary>
/// The outcome of <see cref="ContentFields.Validate"/>: either the normalized fields or the errors, never both.
/// </summary>
public sealed class ContentFieldsResult
{
    private ContentFieldsResult(IContentFields? value, JsonElement? normalized, Dictionary<string, string[]>? errors, bool refusedText)
    {
        Value = value;
        Normalized = normalized;
        Errors = errors;
        RefusedText = refusedText;
    }

    /// <summary>The fields as a typed record (<see cref="DrugEntry"/> or <see cref="Article"/>); null when invalid.</summary>
    public IContentFields? Value { get; }

    /// <summary>The fields re-serialised from <see cref="Value"/>: stable property order, camelCase, trimmed, nulls left out.</summary>
    public JsonElement? Normalized { get; }

    /// <summary>Messages keyed by JSON path ("fields.approvals[1].decision"); null when valid.</summary>
    public Dictionary<string, string[]>? Errors { get; }

    public bool IsValid => Errors is null;

    /// <summary>
    /// Whether some of the <see cref="Errors"/> are text refused by <see cref="TextHygiene"/> (control
    /// characters, direction marks, invisible or broken characters): answered with 422, not 400.
    /// </summary>
    public bool RefusedText { get; }

    internal static ContentFieldsResult Valid(IContentFields value) =>
        new(value, JsonSerializer.SerializeToElement(value, value.GetType(), ContentFields.JsonOptions), null, false);

    internal static ContentFieldsResult Invalid(Dictionary<string, string[]> errors, bool refusedText = false) =>
        new(null, null, errors, refusedText);
}

/// <summary>
/// Validates and normalizes the <c>fields</c> of a drug entry or article (docs/product.md, "Content model").
/// Every problem is reported under its JSON path, prefixed with "fields". Every text obeys
/// <see cref="TextHygiene"/>; only the prose members (<see cref="TextKind.LongText"/>) may hold line breaks and tabs.
/// </summary>
public static class ContentFields
{
    /// <summary>Names, labels and codes.</summary>
    public const int MaxShort = 200;

    /// <summary>Conditions, doses, schedules and side effects: a sentence or two.</summary>
    public const int MaxSentence = 1000;

    /// <summary>Paragraphs: mechanism, food advice, evidence notes, summaries, titles.</summary>
    public const int MaxLong = 4000;

    /// <summary>An article section's Markdown body.</summary>
    public const int MaxBody = 100_000;

    public const int MaxItems = FieldReader.MaxItems;
    public const int MaxUrl = FieldReader.MaxUrl;

    public const string ApprovalEvidenceMessage = "An approval needs a reference (e.g. TA465) or a URL.";

    /// <summary>
    /// How the typed records are written (and can be read back): camelCase, nulls left out, unknown members refused.
    /// Non-ASCII text (°C, en dashes) is kept readable rather than \u-escaped; the JSON is data, not HTML.
    /// </summary>
    public static readonly JsonSerializerOptions JsonOptions = CreateOptions();

    private static readonly string[] DrugMembers =
        ["genericName", "brandNames", "drugClass", "mechanism", "indications", "administration", "sideEffects",
         "approvals", "evidenceNotes", "references", "tags"];
    private static readonly string[] IndicationMembers = ["condition", "lineOfTherapy", "biomarker", "jurisdiction"];
    private static readonly string[] AdministrationMembers = ["route", "form", "dose", "schedule", "foodAdvice"];
    private static readonly string[] SideEffectMembers = ["common", "serious", "contactTeamIf"];
    private static readonly string[] ApprovalMembers = ["body", "decision", "reference", "date", "url"];
    private static readonly string[] ReferenceMembers = ["id", "title", "publisher", "url", "accessed"];
    private static readonly string[] ArticleMembers = ["title", "summary", "sections", "relatedDrugs", "conditions", "tags"];
    private static readonly string[] SectionMembers = ["heading", "body"];

    /// <summary>
    /// Checks <paramref name="fields"/> against the model for <paramref name="type"/> ("drug" or "article").
    /// Never throws for any input. Dates more than a day after today (by <paramref name="clock"/>, default the
    /// system clock) are refused.
    /// </summary>
    public static ContentFieldsResult Validate(string type, JsonElement fields, TimeProvider? clock = null)
    {
        if (type is not (ContentTypes.Drug or ContentTypes.Article))
            return ContentFieldsResult.Invalid(new() { ["type"] = ["The type must be 'drug' or 'article'."] });
        if (fields.ValueKind != JsonValueKind.Object)
            return ContentFieldsResult.Invalid(new() { ["fields"] = ["The fields must be a JSON object ({ ... })."] });

        var today = DateOnly.FromDateTime((clock ?? TimeProvider.System).GetUtcNow().UtcDateTime);
        var reader = new FieldReader(today.AddDays(1));
        if (!reader.Readable(fields, "fields")) return ContentFieldsResult.Invalid(reader.Errors(), refusedText: true);
        IContentFields? value = type == ContentTypes.Drug ? ReadDrug(reader, fields, "fields") : ReadArticle(reader, fields, "fields");
        return reader.HasErrors || value is null
            ? ContentFieldsResult.Invalid(reader.Errors(), reader.RefusedText)
            : ContentFieldsResult.Valid(value);
    }

    private static DrugEntry? ReadDrug(FieldReader r, JsonElement f, string p)
    {
        r.Object(f, p, DrugMembers, "an object");
        var genericName = r.String(f, p, "genericName", MaxShort, Need.Required, "the generic name, e.g. 'imatinib'");
        var brandNames = r.List(f, p, "brandNames", Need.Optional, 0, "brand names",
            (e, ip) => r.StringValue(e, ip, MaxShort, Need.Required, "the brand name"));
        r.Unique(f, p, "brandNames", null, "brand name");
        var drugClass = r.String(f, p, "drugClass", MaxShort, Need.Required, "the drug class, e.g. 'tyrosine kinase inhibitor'");
        var mechanism = r.String(f, p, "mechanism", MaxLong, Need.Required, "how the drug works (mechanism)", TextKind.LongText);
        var indications = r.List(f, p, "indications", Need.Required, 1, "indication", (e, ip) => ReadIndication(r, e, ip));
        var administration = r.Member(f, p, "administration", Need.Required,
            "Add how the drug is given: route, form, dose, schedule and food advice.") is { } a
            ? ReadAdministration(r, a, FieldReader.Child(p, "administration"))
            : null;
        var sideEffects = r.Member(f, p, "sideEffects", Need.Required,
            "Add the side effects: common and serious lists, and when to contact the team.") is { } s
            ? ReadSideEffects(r, s, FieldReader.Child(p, "sideEffects"))
            : null;
        var approvals = r.List(f, p, "approvals", Need.Required, 0, "approvals", (e, ip) => ReadApproval(r, e, ip));
        var evidenceNotes = r.String(f, p, "evidenceNotes", MaxLong, Need.RequiredMayBeEmpty, "evidence notes (\"\" if there are none yet)", TextKind.LongText);
        var references = r.List(f, p, "references", Need.Required, 0, "references", (e, ip) => ReadReference(r, e, ip));
        r.Unique(f, p, "references", "id", "reference");
        var tags = ReadTags(r, f, p, Need.Optional);

        if (r.HasErrors) return null;
        return new DrugEntry(
            genericName!, Done(brandNames) ?? [], drugClass!, mechanism!, Done(indications)!, administration!, sideEffects!,
            Done(approvals)!, evidenceNotes!, Done(references)!, Done(tags));
    }

    private static DrugIndication? ReadIndication(FieldReader r, JsonElement e, string p)
    {
        if (!r.Object(e, p, IndicationMembers, "an indication")) return null;
        var condition = r.String(e, p, "condition", MaxSentence, Need.Required, "the condition it treats");
        var line = r.String(e, p, "lineOfTherapy", MaxShort, Need.Required, "the line of therapy, e.g. 'first-line'");
        var biomarker = r.String(e, p, "biomarker", MaxShort, Need.Optional, "the biomarker");
        var jurisdiction = r.String(e, p, "jurisdiction", MaxShort, Need.Optional, "the jurisdiction");
        return condition is null || line is null ? null : new DrugIndication(condition, line, biomarker, jurisdiction);
    }

    private static DrugAdministration? ReadAdministration(FieldReader r, JsonElement e, string p)
    {
        if (!r.Object(e, p, AdministrationMembers, "an object")) return null;
        var route = r.String(e, p, "route", MaxShort, Need.Required, "the route, e.g. 'oral'");
        var form = r.String(e, p, "form", MaxShort, Need.Required, "the form, e.g. 'tablet'");
        var dose = r.String(e, p, "dose", MaxSentence, Need.Required, "the dose", TextKind.LongText);
        var schedule = r.String(e, p, "schedule", MaxSentence, Need.Required, "the schedule", TextKind.LongText);
        var food = r.String(e, p, "foodAdvice", MaxLong, Need.Required, "the food advice (say if there is none)", TextKind.LongText);
        return route is null || form is null || dose is null || schedule is null || food is null
            ? null
            : new DrugAdministration(route, form, dose, schedule, food);
    }

    private static DrugSideEffects? ReadSideEffects(FieldReader r, JsonElement e, string p)
    {
        if (!r.Object(e, p, SideEffectMembers, "an object")) return null;
        var common = r.List(e, p, "common", Need.Required, 0, "common side effects",
            (x, ip) => r.StringValue(x, ip, MaxSentence, Need.Required, "the side effect"));
        r.Unique(e, p, "common", null, "side effect");
        var serious = r.List(e, p, "serious", Need.Required, 0, "serious side effects",
            (x, ip) => r.StringValue(x, ip, MaxSentence, Need.Required, "the side effect"));
        r.Unique(e, p, "serious", null, "side effect");
        var contact = r.String(e, p, "contactTeamIf", MaxLong, Need.Required, "when to contact the team", TextKind.LongText);
        return common is null || serious is null || contact is null ? null : new DrugSideEffects(Done(common)!, Done(serious)!, contact);
    }

    private static DrugApproval? ReadApproval(FieldReader r, JsonElement e, string p)
    {
        if (!r.Object(e, p, ApprovalMembers, "an approval")) return null;
        var body = r.Choice(e, p, "body", ApprovalBodies.Ordered, "the body, e.g. 'NICE'");
        var decision = r.Choice(e, p, "decision", ApprovalDecisions.Ordered, "the decision, e.g. 'recommended'");
        var reference = r.String(e, p, "reference", MaxShort, Need.Optional, "the reference");
        var date = r.Date(e, p, "date", Need.Optional, "the date of the decision");
        var url = r.Url(e, p, "url", Need.Optional, "the web address");
        var referencePath = FieldReader.Child(p, "reference");
        if (reference is null && url is null && !r.HasError(referencePath) && !r.HasError(FieldReader.Child(p, "url")))
            r.Error(referencePath, ApprovalEvidenceMessage);
        return body is null || decision is null ? null : new DrugApproval(body, decision, reference, date, url);
    }

    private static DrugReference? ReadReference(FieldReader r, JsonElement e, string p)
    {
        if (!r.Object(e, p, ReferenceMembers, "a reference")) return null;
        var id = r.String(e, p, "id", MaxShort, Need.Required, "an id for the reference, e.g. 'ref-1'");
        var title = r.String(e, p, "title", MaxLong, Need.Required, "the title of the source");
        var publisher = r.String(e, p, "publisher", MaxShort, Need.Required, "the publisher, e.g. 'NICE'");
        var url = r.Url(e, p, "url", Need.Required, "the web address of the source");
        var accessed = r.Date(e, p, "accessed", Need.Required, "the date you checked the source");
        return id is null || title is null || publisher is null || url is null || accessed is null
            ? null
            : new DrugReference(id, title, publisher, url, accessed.Value);
    }

    private static Article? ReadArticle(FieldReader r, JsonElement f, string p)
    {
        r.Object(f, p, ArticleMembers, "an object");
        var title = r.String(f, p, "title", MaxLong, Need.Required, "a title");
        var summary = r.String(f, p, "summary", MaxLong, Need.Required, "a summary", TextKind.LongText);
        var sections = r.List(f, p, "sections", Need.Required, 1, "section (a heading and a body)", (e, ip) => ReadSection(r, e, ip));
        r.Unique(f, p, "sections", "heading", "section");
        var related = r.List(f, p, "relatedDrugs", Need.Required, 0, "related drugs' slugs", (e, ip) =>
        {
            var slug = r.StringValue(e, ip, Slug.MaxLength, Need.Required, "the drug's slug, e.g. 'imatinib'");
            if (slug is null || Slug.IsValid(slug)) return slug;
            r.Error(ip, $"'{slug}' is not a slug. Use the drug entry's slug: lowercase words joined by hyphens, e.g. 'imatinib'.");
            return null;
        });
        r.Unique(f, p, "relatedDrugs", null, "related drug");
        var conditions = r.List(f, p, "conditions", Need.Required, 0, "conditions",
            (e, ip) => r.StringValue(e, ip, MaxShort, Need.Required, "the condition"));
        r.Unique(f, p, "conditions", null, "condition");
        var tags = ReadTags(r, f, p, Need.Required);

        if (r.HasErrors) return null;
        return new Article(title!, summary!, Done(sections)!, Done(related)!, Done(conditions)!, Done(tags)!);
    }

    private static ArticleSection? ReadSection(FieldReader r, JsonElement e, string p)
    {
        if (!r.Object(e, p, SectionMembers, "a section")) return null;
        var heading = r.String(e, p, "heading", MaxShort, Need.Required, "a heading");
        var body = r.String(e, p, "body", MaxBody, Need.Required, "the section text (Markdown)", TextKind.LongText);
        return heading is null || body is null ? null : new ArticleSection(heading, body);
    }

    private static List<string?>? ReadTags(FieldReader r, JsonElement f, string p, Need need)
    {
        var tags = r.List(f, p, "tags", need, 0, "tags", (e, ip) => r.StringValue(e, ip, MaxShort, Need.Required, "the tag"));
        r.Unique(f, p, "tags", null, "tag");
        return tags;
    }

    /// <summary>A list read without errors, as the record's list (only called once no errors were found).</summary>
    private static IReadOnlyList<T>? Done<T>(List<T?>? items) where T : class => items?.Select(x => x!).ToArray();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
