using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Publishing.Testing;
using Xunit;

namespace Publishing.EndToEnd.Tests;

/// <summary>What editors and reviewers do through the public API, step by step.</summary>
public sealed class Workflow(ServiceHost authoring, ServiceHost review)
{
    public static object DrugFields(string name) => new
    {
        genericName = name,
        brandNames = new[] { "Glivec" },
        drugClass = "tyrosine kinase inhibitor",
        mechanism = "Blocks the KIT and PDGFRA signals that drive the tumour's growth.",
        indications = new[] { new { condition = "gastrointestinal stromal tumour (GIST)", lineOfTherapy = "first-line" } },
        administration = new { route = "oral", form = "tablet", dose = "400 mg", schedule = "once a day", foodAdvice = "with a meal" },
        sideEffects = new { common = new[] { "nausea", "puffy eyes" }, serious = new[] { "severe fluid retention" }, contactTeamIf = "you gain weight quickly" },
        approvals = new[] { new { body = "NICE", decision = "recommended", reference = "TA326", date = "2014-11-01", url = "https://www.nice.org.uk/guidance/ta326" } },
        evidenceNotes = "Licensed on phase III evidence.",
        references = new[] { new { id = "ref-1", title = "Glivec product information", publisher = "EMA", url = "https://www.ema.europa.eu/", accessed = "2026-11-01" } },
    };

    public static object ArticleFields(string title) => new
    {
        title,
        summary = "An explainer.",
        sections = new[] { new { heading = "About", body = "Plain words." } },
        relatedDrugs = Array.Empty<string>(),
        conditions = new[] { "soft tissue sarcoma" },
        tags = new[] { "sarcoma" },
    };

    public async Task<Guid> CreateAndSubmitAsync(string slug, string type, object fields, string editor = "editor-1")
    {
        var client = await authoring.ClientAsAsync(editor, "editor");
        var created = await client.PostAsJsonAsync("/api/content", new { type, slug, title = $"Test {slug}", fields });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var submitted = await client.PostAsJsonAsync($"/api/content/{slug}/submissions",
            new { changeSummary = "First version", reason = "new-evidence" });
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        return (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reviewId").GetGuid();
    }

    /// <summary>Waits for Review to have the task (it arrives by message), then approves it.</summary>
    public async Task<JsonElement> ApproveAsync(Guid reviewId, string reviewer, string qualification = "Clinical pharmacist")
    {
        var client = await review.ClientAsAsync(reviewer, "reviewer", qualification);
        await Eventually.Until(async () => (await client.GetAsync($"/api/reviews/{reviewId}")).StatusCode == HttpStatusCode.OK,
            what: $"review {reviewId} to reach the Review service");
        var approved = await client.PostAsJsonAsync($"/api/reviews/{reviewId}/approvals",
            new { comment = "Checked against the SmPC", referencesChecked = true });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        return await approved.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task PublishArticleAsync(string slug)
    {
        var reviewId = await CreateAndSubmitAsync(slug, "article", ArticleFields($"About {slug}"));
        await ApproveAsync(reviewId, "reviewer-1");
    }
}
