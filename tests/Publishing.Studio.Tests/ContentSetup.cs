using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Publishing.Testing;

namespace Publishing.Studio.Tests;

/// <summary>
/// Content a browser test starts from, made through the APIs of the Studio's host (what editors and
/// reviewers would otherwise do in the Studio first). The made-up drug and articles are test data.
/// </summary>
public sealed class ContentSetup(StudioFixture studio)
{
    public const string Pharmacist = "setup-pharmacist";
    public const string Oncologist = "setup-oncologist";

    /// <summary>A drug entry of invented facts, tagged <paramref name="tags"/>.</summary>
    public static object Drug(string genericName, string brand, params string[] tags) => new
    {
        genericName,
        brandNames = new[] { brand },
        drugClass = "tyrosine kinase inhibitor",
        mechanism = "Blocks the growth signals some tumours depend on.",
        indications = new[] { new { condition = "gastrointestinal stromal tumour (GIST)", lineOfTherapy = "third-line" } },
        administration = new { route = "oral", form = "tablet", dose = "100 mg", schedule = "once a day", foodAdvice = "with a light meal" },
        sideEffects = new
        {
            common = new[] { "tiredness", "diarrhoea" },
            serious = new[] { "bleeding that will not stop" },
            contactTeamIf = "you have a temperature of 38°C or above",
        },
        approvals = new[] { new { body = "EMA", decision = "authorised", reference = "EMEA/H/C/009999", date = "2024-01-15", url = "https://www.example.org/epar" } },
        evidenceNotes = "Invented for the Studio's tests.",
        references = new[] { new { id = "ref-1", title = "Product information (test data)", publisher = "EMA", url = "https://www.example.org/epar", accessed = "2026-11-01" } },
        tags,
    };

    public static object Article(string title, string body, string[] relatedDrugs, params string[] tags) => new
    {
        title,
        summary = "What the treatment is and how it is given.",
        sections = new[] { new { heading = "The treatment", body } },
        relatedDrugs,
        conditions = new[] { "gastrointestinal stromal tumour (GIST)" },
        tags,
    };

    public async Task CreateAsync(string slug, string type, string title, object fields, string editorId = "setup-editor")
    {
        var editor = await studio.Host.ClientAsAsync(editorId, "editor");
        var created = await editor.PostAsJsonAsync("/api/content", new { type, slug, title, fields });
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"creating {slug}: {await created.Content.ReadAsStringAsync()}");
    }

    /// <summary>Submits the working copy; returns the review id once Review has the task.</summary>
    public async Task<Guid> SubmitAsync(string slug, string editorId = "setup-editor")
    {
        var editor = await studio.Host.ClientAsAsync(editorId, "editor");
        var submitted = await editor.PostAsJsonAsync($"/api/content/{slug}/submissions", new { changeSummary = "First version", reason = "new-evidence" });
        Assert.True(submitted.StatusCode == HttpStatusCode.Accepted, $"submitting {slug}: {await submitted.Content.ReadAsStringAsync()}");
        var reviewId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reviewId").GetGuid();
        var reviewer = await Reviewer(Pharmacist);
        await Eventually.Until(async () => (await reviewer.GetAsync($"/api/reviews/{reviewId}")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), $"review of {slug} to reach Review");
        return reviewId;
    }

    /// <summary>Creates, submits and has two qualified reviewers approve; returns once Search serves it.</summary>
    public async Task PublishAsync(string slug, string type, string title, object fields)
    {
        await CreateAsync(slug, type, title, fields);
        var reviewId = await SubmitAsync(slug);
        foreach (var id in new[] { Pharmacist, Oncologist })
        {
            var approved = await (await Reviewer(id)).PostAsJsonAsync($"/api/reviews/{reviewId}/approvals", new { comment = "Test data", referencesChecked = true });
            if (approved.StatusCode == HttpStatusCode.Conflict) break; // one approval was all its class needed
            Assert.True(approved.StatusCode == HttpStatusCode.OK, $"approving {slug}: {await approved.Content.ReadAsStringAsync()}");
        }
        await studio.WaitForPublishedAsync(slug);
    }

    /// <summary>Gives a submission every approval it needs (one or two), without waiting for what follows.</summary>
    public async Task ApproveAsync(Guid reviewId)
    {
        foreach (var id in new[] { Pharmacist, Oncologist })
        {
            var approved = await (await Reviewer(id)).PostAsJsonAsync($"/api/reviews/{reviewId}/approvals", new { comment = "Test data", referencesChecked = true });
            if (approved.StatusCode == HttpStatusCode.Conflict) break;
            Assert.True(approved.StatusCode == HttpStatusCode.OK, $"approving {reviewId}: {await approved.Content.ReadAsStringAsync()}");
        }
    }

    public async Task RequestChangesAsync(Guid reviewId, string comment)
    {
        var response = await (await Reviewer(Pharmacist)).PostAsJsonAsync($"/api/reviews/{reviewId}/change-requests", new { comment });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Waits until Authoring has applied a review's outcome to the item.</summary>
    public Task WaitForStatusAsync(string slug, string status) =>
        Eventually.Until(async () =>
        {
            var editor = await studio.Host.ClientAsAsync("setup-editor", "editor");
            var item = await editor.GetFromJsonAsync<JsonElement>($"/api/content/{slug}");
            return item.GetProperty("status").GetString() == status;
        }, TimeSpan.FromSeconds(30), $"{slug} to be {status}");

    private Task<HttpClient> Reviewer(string id) =>
        studio.Host.ClientAsAsync(id, "reviewer", id == Pharmacist ? "Clinical pharmacist" : "Consultant medical oncologist");
}
