using System.Globalization;
using Publishing.Studio.Forms;

namespace Publishing.Studio.Public;

/// <summary>
/// The sentences of a patient page, made from a drug entry's fields: "Regorafenib is taken by mouth
/// as tablets." rather than "oral, tablet". Text an editor wrote is kept as written; only the joins are made here.
/// </summary>
public static class PatientWording
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>The one date format of the public pages: "1 November 2026".</summary>
    public const string DateFormat = "d MMMM yyyy";

    public static string Date(DateTimeOffset? value) => value is { } v ? v.ToUniversalTime().ToString(DateFormat, English) : "not recorded";

    /// <summary>An ISO date (as stored in the fields) in the page's format; anything else as written.</summary>
    public static string Date(string? iso) =>
        DateOnly.TryParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToString(DateFormat, English)
            : iso ?? "";

    public static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpper(text[0], English) + text[1..];

    /// <summary>The drug as a sentence names it: its generic name, else the page title.</summary>
    public static string DrugName(DrugForm d, string title) => string.IsNullOrWhiteSpace(d.GenericName) ? title : d.GenericName.Trim();

    /// <summary>"Regorafenib is a tyrosine kinase inhibitor. Its brand name is Stivarga."</summary>
    public static string Intro(DrugForm d, string name)
    {
        var sentences = new List<string>();
        if (!string.IsNullOrWhiteSpace(d.DrugClass)) sentences.Add($"{Capitalise(name)} is {A(d.DrugClass.Trim())}.");
        var brands = (d.BrandNames ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (brands.Length == 1) sentences.Add($"Its brand name is {brands[0]}.");
        else if (brands.Length > 1) sentences.Add($"Its brand names are {And(brands)}.");
        return string.Join(" ", sentences);
    }

    /// <summary>"Gastrointestinal stromal tumour (GIST) that has spread, as a first treatment, when the tumour tests KIT positive (licensed in the EU)."</summary>
    public static string Indication(IndicationRow i)
    {
        var parts = new List<string> { Capitalise((i.Condition ?? "").Trim()) };
        if (Line(i.LineOfTherapy) is { } line) parts.Add(line);
        if (!string.IsNullOrWhiteSpace(i.Biomarker)) parts.Add($"when the tumour tests {i.Biomarker.Trim()}");
        var text = string.Join(", ", parts.Where(p => p.Length > 0));
        if (!string.IsNullOrWhiteSpace(i.Jurisdiction)) text += $" (licensed in {Place(i.Jurisdiction.Trim())})";
        return Stop(text);
    }

    /// <summary>How the drug is taken, a sentence each: route and form, dose, schedule, food.</summary>
    public static IReadOnlyList<string> HowTaken(AdministrationForm a, string name)
    {
        var sentences = new List<string>();
        var route = (a.Route ?? "").Trim().ToLowerInvariant();
        var form = (a.Form ?? "").Trim();
        var subject = Capitalise(name);
        sentences.Add(route switch
        {
            "oral" => form.Length == 0 ? $"{subject} is taken by mouth." : $"{subject} is taken by mouth as {Plural(form)}.",
            "intravenous" => form.Equals("infusion", StringComparison.OrdinalIgnoreCase)
                ? $"{subject} is given as a drip into a vein (an infusion)."
                : $"{subject} is given into a vein{(form.Length == 0 ? "" : " as " + A(form))}.",
            "subcutaneous" => $"{subject} is given as an injection under the skin.",
            "intramuscular" => $"{subject} is given as an injection into a muscle.",
            "" => "",
            _ => $"{subject} is given by the {route} route{(form.Length == 0 ? "" : " as " + A(form))}.",
        });
        if (!string.IsNullOrWhiteSpace(a.Dose))
        {
            var dose = a.Dose.Trim();
            sentences.Add(char.IsDigit(dose[0]) ? Stop($"The usual dose is {dose}") : Stop(dose));
        }
        if (!string.IsNullOrWhiteSpace(a.Schedule)) sentences.Add(Stop(a.Schedule.Trim()));
        if (!string.IsNullOrWhiteSpace(a.FoodAdvice)) sentences.Add(Stop(a.FoodAdvice.Trim()));
        return sentences.Where(s => s.Length > 0).ToList();
    }

    /// <summary>"The National Institute for Health and Care Excellence (NICE) recommends it (TA488, 15 November 2017)."</summary>
    public static string Decision(ApprovalRow a)
    {
        var who = a.Body switch
        {
            "EMA" => "The European Medicines Agency (EMA)",
            "MHRA" => "The Medicines and Healthcare products Regulatory Agency (MHRA)",
            "FDA" => "The US Food and Drug Administration (FDA)",
            "NICE" => "The National Institute for Health and Care Excellence (NICE)",
            "SMC" => "The Scottish Medicines Consortium (SMC)",
            "AWMSG" => "The All Wales Medicines Strategy Group (AWMSG)",
            "CDF" => "The Cancer Drugs Fund",
            _ => a.Body ?? "",
        };
        var licensing = a.Body is "EMA" or "MHRA" or "FDA";
        var what = a.Decision switch
        {
            "authorised" => "has licensed it",
            "conditional" => "gave it a conditional licence",
            "recommended" => licensing ? "has licensed it" : "recommends it",
            "not-recommended" => "does not recommend it",
            "not-appraised" => "has not assessed it",
            "cdf-only" => "recommends it only through the Cancer Drugs Fund",
            "suspended" => licensing ? "has suspended its licence" : "has suspended its recommendation",
            "withdrawn" => licensing ? "has withdrawn its licence" : "has withdrawn its recommendation",
            _ => $"decided: {a.Decision}",
        };
        var details = string.Join(", ", new[] { a.Reference, a.Date is null ? null : Date(a.Date) }.Where(x => !string.IsNullOrWhiteSpace(x)));
        return $"{who} {what}{(details.Length == 0 ? "" : $" ({details})")}.";
    }

    /// <summary>What follows a source's title: "EMA. Accessed 1 November 2026."</summary>
    public static string SourceDetails(ReferenceRow r) => string.Join(" ", new[]
    {
        string.IsNullOrWhiteSpace(r.Publisher) ? null : Stop(r.Publisher.Trim()),
        string.IsNullOrWhiteSpace(r.Accessed) ? null : $"Accessed {Date(r.Accessed.Trim())}.",
    }.OfType<string>());

    private static string? Line(string? line) => (line ?? "").Trim().ToLowerInvariant() switch
    {
        "" => null,
        "first-line" => "as a first treatment",
        "second-line" => "as a second treatment",
        "third-line" => "as a third treatment",
        "later-line" or "fourth-line" => "after other treatments",
        "adjuvant" => "after surgery, to lower the chance of it coming back",
        "neoadjuvant" => "before surgery, to shrink it",
        "maintenance" => "to keep it under control",
        var other => $"as {other} treatment",
    };

    private static string Place(string jurisdiction) => jurisdiction.ToUpperInvariant() switch
    {
        "EU" or "UK" or "US" or "USA" => "the " + jurisdiction.ToUpperInvariant(),
        _ => jurisdiction,
    };

    private static string A(string noun) => ("aeiou".Contains(char.ToLowerInvariant(noun[0])) ? "an " : "a ") + noun;

    private static string Plural(string form) => form.ToLowerInvariant() switch
    {
        "tablet" or "capsule" or "film-coated tablet" or "soft capsule" => form + "s",
        var f when f.EndsWith('s') => form,
        _ => A(form),
    };

    private static string And(IReadOnlyList<string> items) =>
        items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1];

    /// <summary>Ends a sentence with a full stop unless it already ends with one (or ? or !).</summary>
    public static string Stop(string text) => text.Length == 0 || text[^1] is '.' or '?' or '!' ? text : text + ".";
}
