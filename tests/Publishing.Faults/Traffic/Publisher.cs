using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Publishing.Faults.Cluster;

namespace Publishing.Faults.Traffic;

/// <summary>
/// A publication the system accepted: the last approval it needed was answered 200. Before that, its submission
/// had to travel to Review: <paramref name="SubmittedAt"/> and <paramref name="ReviewArrivedAt"/> time that trip.
/// </summary>
public sealed record Publication(string Slug, int Revision, bool Update, DateTimeOffset SubmittedAt, DateTimeOffset ReviewArrivedAt, DateTimeOffset AcceptedAt);

/// <summary>
/// What an editor and two qualified reviewers do through the public APIs: a new drug entry (safety: two
/// approvals), or an editorial change to one already published (one approval). Each step is retried while the
/// service it needs is down, so a publication made during a fault is accepted once the fault ends.
/// </summary>
public sealed class Publisher(HttpClient editor, HttpClient reviewer1, HttpClient reviewer2, TimeSpan deadline)
{
    public static async Task<Publisher> CreateAsync(Services services, TimeSpan deadline)
    {
        var authoring = services.Authoring.Http;
        var editorToken = await Api.DevTokenAsync(authoring, "editor-1", "editor", null, deadline);
        var pharmacist = await Api.DevTokenAsync(authoring, "reviewer-1", "reviewer", "Clinical pharmacist", deadline);
        var oncologist = await Api.DevTokenAsync(authoring, "reviewer-2", "reviewer", "Consultant medical oncologist", deadline);
        return new Publisher(
            Api.Client(services.Authoring.Address, editorToken),
            Api.Client(services.Review.Address, pharmacist),
            Api.Client(services.Review.Address, oncologist),
            deadline);
    }

    /// <summary>Creates <paramref name="slug"/> (revision 1) and has it approved by both reviewers.</summary>
    public async Task<Publication> PublishNewAsync(string slug)
    {
        using (await Api.PostAsync(editor, "api/content", new { type = "drug", slug, title = $"Fault suite {slug}", fields = DrugFields(slug) },
                   deadline, HttpStatusCode.Created, HttpStatusCode.Conflict)) { }
        var (reviewId, revision) = await SubmitAsync(slug, "new-evidence");
        var submitted = DateTimeOffset.UtcNow;
        var arrived = await ApproveAsync(reviewer1, reviewId);
        await ApproveAsync(reviewer2, reviewId);
        return new Publication(slug, revision, Update: false, submitted, arrived, DateTimeOffset.UtcNow);
    }

    /// <summary>Adds a tag to a published <paramref name="slug"/> (an editorial change) and has one reviewer approve it.</summary>
    public async Task<Publication> PublishUpdateAsync(string slug, string tag)
    {
        using var current = await Api.GetAsync(editor, $"api/content/{slug}", deadline, HttpStatusCode.OK);
        var item = await current.Content.ReadFromJsonAsync<JsonElement>();
        var fields = JsonNode.Parse(item.GetProperty("fields").GetRawText())!.AsObject();
        if (fields["tags"] is not JsonArray tags) fields["tags"] = tags = [];
        if (!tags.Any(t => t?.GetValue<string>() == tag))
        {
            tags.Add(tag);
            var revision = item.GetProperty("revision").GetInt32();
            using var saved = await Api.SendAsync(editor, () =>
            {
                var put = new HttpRequestMessage(HttpMethod.Put, $"api/content/{slug}")
                {
                    Content = JsonContent.Create(new { title = item.GetProperty("title").GetString(), fields }),
                };
                put.Headers.TryAddWithoutValidation("If-Match", $"\"{revision}\"");
                return put;
            }, deadline, $"PUT api/content/{slug}", HttpStatusCode.OK, HttpStatusCode.PreconditionFailed);
        }
        var (reviewId, published) = await SubmitAsync(slug, "editorial");
        var submitted = DateTimeOffset.UtcNow;
        var arrived = await ApproveAsync(reviewer1, reviewId);
        return new Publication(slug, published, Update: true, submitted, arrived, DateTimeOffset.UtcNow);
    }

    private async Task<(Guid ReviewId, int Revision)> SubmitAsync(string slug, string reason)
    {
        using var response = await Api.PostAsync(editor, $"api/content/{slug}/submissions",
            new { changeSummary = $"Fault suite: {reason}", reason }, deadline, HttpStatusCode.Accepted, HttpStatusCode.Conflict);
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            return (body.GetProperty("reviewId").GetGuid(), body.GetProperty("revision").GetInt32());
        }
        // A retried submission whose first attempt went through: the review it opened is the pending one for the slug.
        var found = await Eventually(async () =>
        {
            var list = await Api.TryGetAsync(reviewer1, "api/reviews?status=pending");
            if (list is not { Status: HttpStatusCode.OK } ok) return ((Guid, int)?)null;
            foreach (var review in ok.Body.EnumerateArray())
                if (review.GetProperty("slug").GetString() == slug)
                    return (review.GetProperty("id").GetGuid(), review.GetProperty("revision").GetInt32());
            return null;
        }, $"the pending review of {slug}");
        return found;
    }

    /// <returns>When the review was first seen in Review.</returns>
    private async Task<DateTimeOffset> ApproveAsync(HttpClient reviewer, Guid reviewId)
    {
        // The review reaches Review by message: it may take as long as the fault does.
        var arrived = await Eventually(async () => await Api.TryGetAsync(reviewer, $"api/reviews/{reviewId}") is { Status: HttpStatusCode.OK } ? DateTimeOffset.UtcNow : (DateTimeOffset?)null,
            $"review {reviewId} to reach Review");
        // 409: an earlier attempt whose answer was lost already approved it.
        using var _ = await Api.PostAsync(reviewer, $"api/reviews/{reviewId}/approvals",
            new { comment = "Checked against the SmPC", referencesChecked = true }, deadline, HttpStatusCode.OK, HttpStatusCode.Conflict);
        return arrived;
    }

    private async Task<T> Eventually<T>(Func<Task<T?>> probe, string what) where T : struct
    {
        var until = DateTimeOffset.UtcNow + deadline;
        while (DateTimeOffset.UtcNow < until)
        {
            if (await probe() is { } value) return value;
            await Task.Delay(250);
        }
        throw new StepFailed($"{what}: not within {deadline.TotalSeconds:0} s");
    }

    private static object DrugFields(string slug) => new
    {
        genericName = slug,
        brandNames = new[] { "Faultex" },
        drugClass = "tyrosine kinase inhibitor",
        mechanism = "Blocks the KIT and PDGFRA signals that drive the tumour's growth.",
        indications = new[] { new { condition = "gastrointestinal stromal tumour (GIST)", lineOfTherapy = "first-line" } },
        administration = new { route = "oral", form = "tablet", dose = "400 mg", schedule = "once a day", foodAdvice = "with a meal" },
        sideEffects = new { common = new[] { "nausea" }, serious = new[] { "severe fluid retention" }, contactTeamIf = "you gain weight quickly" },
        approvals = new[] { new { body = "NICE", decision = "recommended", reference = "TA326", date = "2014-11-01", url = "https://www.nice.org.uk/guidance/ta326" } },
        evidenceNotes = "Licensed on phase III evidence.",
        references = new[] { new { id = "ref-1", title = "Product information", publisher = "EMA", url = "https://www.ema.europa.eu/", accessed = "2026-11-01" } },
        tags = new[] { "fault-suite" },
    };
}
