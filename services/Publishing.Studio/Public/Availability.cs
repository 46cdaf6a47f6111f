using Publishing.Studio.Forms;

namespace Publishing.Studio.Public;

/// <summary>
/// The plain sentence a patient page gives about getting a drug on the NHS, made from the NICE
/// (England) and SMC (Scotland) decisions recorded with it, and its licence.
/// </summary>
/// <remarks>
/// <para>Each body's standing is the strongest of its decisions: a withdrawn or suspended decision
/// first (it overrides what came before), then recommended, Cancer Drugs Fund only, not recommended,
/// not appraised. A "CDF" entry counts as NICE's Cancer Drugs Fund decision.</para>
/// <para>Approved by neither body: "not approved by NICE or the SMC ... may not be widely available",
/// with what each decided. By one: what that one decided, and for the other that it may not be
/// widely available there (or that no decision is recorded). No decision at all: ask the specialist.
/// A licence (EMA, MHRA) withdrawn or suspended is said first.</para>
/// </remarks>
public static class Availability
{
    private enum Standing { None, NotAppraised, NotRecommended, CdfOnly, Recommended, Withdrawn }

    private sealed record Body(string Name, string Nation);

    private static readonly Body Nice = new("NICE", "England");
    private static readonly Body Smc = new("the SMC", "Scotland");

    public static IReadOnlyList<string> Sentences(string name, IEnumerable<ApprovalRow> approvals)
    {
        var rows = approvals.ToList();
        var sentences = new List<string>();
        var subject = PatientWording.Capitalise(name);

        if (rows.FirstOrDefault(a => a.Body is "EMA" or "MHRA" && a.Decision is "withdrawn" or "suspended") is { } licence)
            sentences.Add($"{subject}'s licence has been {licence.Decision}. If you are taking it, talk to your specialist; do not stop a medicine without advice.");

        var nice = StandingOf(rows, "NICE");
        if (nice is Standing.None or Standing.NotAppraised or Standing.NotRecommended
            && rows.Any(a => a.Body == "CDF" && a.Decision is "recommended" or "cdf-only"))
            nice = Standing.CdfOnly;
        var smc = StandingOf(rows, "SMC");

        bool Available(Standing s) => s is Standing.Recommended or Standing.CdfOnly;
        if (nice == Standing.None && smc == Standing.None)
            sentences.Add($"There is no NICE or SMC decision about {name} recorded here. Ask your specialist whether it is available to you on the NHS.");
        else if (nice == Standing.Recommended && smc == Standing.Recommended)
            sentences.Add($"NICE and the SMC have approved {name} for use on the NHS.");
        else if (!Available(nice) && !Available(smc))
        {
            sentences.Add($"{subject} has not been approved by NICE or the SMC for use on the NHS, so it may not be widely available.");
            sentences.AddRange(new[] { Decided(Nice, nice), Decided(Smc, smc) }.OfType<string>());
        }
        else
            foreach (var (body, standing) in new[] { (Nice, nice), (Smc, smc) })
                sentences.Add(Available(standing) ? Approved(body, standing, name) : NotThere(body, standing));
        return sentences;
    }

    private static Standing StandingOf(List<ApprovalRow> rows, string body)
    {
        var decisions = rows.Where(a => a.Body == body).Select(a => a.Decision).ToList();
        return decisions.Any(d => d is "withdrawn" or "suspended") ? Standing.Withdrawn
            : decisions.Contains("recommended") ? Standing.Recommended
            : decisions.Contains("cdf-only") ? Standing.CdfOnly
            : decisions.Contains("not-recommended") ? Standing.NotRecommended
            : decisions.Contains("not-appraised") ? Standing.NotAppraised
            : Standing.None;
    }

    private static string Approved(Body body, Standing standing, string name) => standing == Standing.CdfOnly
        ? $"In {body.Nation}, {name} is available on the NHS through the Cancer Drugs Fund."
        : $"{PatientWording.Capitalise(body.Name)} has approved {name} for use on the NHS in {body.Nation}.";

    private static string NotThere(Body body, Standing standing) => standing switch
    {
        Standing.None => $"There is no {Short(body)} decision for {body.Nation} recorded here.",
        Standing.NotAppraised => $"{PatientWording.Capitalise(body.Name)} has not assessed it, so it may not be widely available in {body.Nation}.",
        Standing.Withdrawn => $"{PatientWording.Capitalise(body.Name)} has withdrawn its recommendation, so it may not be available in {body.Nation}.",
        _ => $"{PatientWording.Capitalise(body.Name)} has not approved it for use in {body.Nation}, so it may not be widely available there.",
    };

    private static string? Decided(Body body, Standing standing) => standing switch
    {
        Standing.NotRecommended => $"{PatientWording.Capitalise(body.Name)} decided not to recommend it.",
        Standing.NotAppraised => $"{PatientWording.Capitalise(body.Name)} has not assessed it.",
        Standing.Withdrawn => $"{PatientWording.Capitalise(body.Name)} has withdrawn its recommendation.",
        _ => null,
    };

    private static string Short(Body body) => body.Name.Replace("the ", "");
}
