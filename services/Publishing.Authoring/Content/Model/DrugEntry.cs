namespace Publishing.Authoring.Content.Model;

/// <summary>The typed fields of a content item (<see cref="DrugEntry"/> or <see cref="Article"/>).</summary>
public interface IContentFields
{
}

/// <summary>
/// The fields of a drug entry (docs/product.md, "Content model"). Property order here is the order of the
/// normalized JSON; optional members that are null are left out of it.
/// </summary>
public sealed record DrugEntry(
    string GenericName,
    IReadOnlyList<string> BrandNames,
    string DrugClass,
    string Mechanism,
    IReadOnlyList<DrugIndication> Indications,
    DrugAdministration Administration,
    DrugSideEffects SideEffects,
    IReadOnlyList<DrugApproval> Approvals,
    string EvidenceNotes,
    IReadOnlyList<DrugReference> References,
    IReadOnlyList<string>? Tags = null) : IContentFields;

public sealed record DrugIndication(string Condition, string LineOfTherapy, string? Biomarker = null, string? Jurisdiction = null);

public sealed record DrugAdministration(string Route, string Form, string Dose, string Schedule, string FoodAdvice);

public sealed record DrugSideEffects(IReadOnlyList<string> Common, IReadOnlyList<string> Serious, string ContactTeamIf);

/// <summary>A regulator or HTA decision. <see cref="Body"/> is one of <see cref="ApprovalBodies"/>,
/// <see cref="Decision"/> one of <see cref="ApprovalDecisions"/>; a reference or a URL is required.</summary>
public sealed record DrugApproval(string Body, string Decision, string? Reference = null, DateOnly? Date = null, string? Url = null);

public sealed record DrugReference(string Id, string Title, string Publisher, string Url, DateOnly Accessed);

/// <summary>The bodies whose decisions an approval records. The JSON keeps these exact strings.</summary>
public static class ApprovalBodies
{
    public const string Mhra = "MHRA";
    public const string Ema = "EMA";
    public const string Fda = "FDA";
    public const string Nice = "NICE";
    public const string Smc = "SMC";
    public const string Awmsg = "AWMSG";
    public const string Cdf = "CDF";

    /// <summary>In the order they are listed to editors.</summary>
    public static readonly IReadOnlyList<string> Ordered = [Mhra, Ema, Fda, Nice, Smc, Awmsg, Cdf];

    public static readonly IReadOnlySet<string> All = new HashSet<string>(Ordered, StringComparer.Ordinal);
}

/// <summary>The decisions an approval can record. The JSON keeps these exact kebab-case strings.</summary>
public static class ApprovalDecisions
{
    public const string Authorised = "authorised";
    public const string Conditional = "conditional";
    public const string Recommended = "recommended";
    public const string NotRecommended = "not-recommended";
    public const string NotAppraised = "not-appraised";
    public const string CdfOnly = "cdf-only";
    public const string Suspended = "suspended";
    public const string Withdrawn = "withdrawn";

    /// <summary>In the order they are listed to editors.</summary>
    public static readonly IReadOnlyList<string> Ordered =
        [Authorised, Conditional, Recommended, NotRecommended, NotAppraised, CdfOnly, Suspended, Withdrawn];

    public static readonly IReadOnlySet<string> All = new HashSet<string>(Ordered, StringComparer.Ordinal);
}
