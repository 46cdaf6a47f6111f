using System.Net.Http.Json;

namespace Publishing.Review.Tests.Api;

/// <summary>The reviewer calls the tests make, returning the raw response so each test asserts its status.</summary>
public static class Reviewers
{
    public const string Pharmacist = "Clinical pharmacist";

    public static Task<HttpResponseMessage> ApproveAsync(this HttpClient http, Guid reviewId, bool referencesChecked = true, string? comment = "Checked against the SmPC") =>
        http.PostAsJsonAsync($"/api/reviews/{reviewId}/approvals", new { comment, referencesChecked });

    public static Task<HttpResponseMessage> RequestChangesAsync(this HttpClient http, Guid reviewId, string? comment) =>
        http.PostAsJsonAsync($"/api/reviews/{reviewId}/change-requests", new { comment });

    public static Task<HttpResponseMessage> PeriodicAsync(this HttpClient http, string? slug, bool? referencesChecked = true, string? comment = "Still accurate") =>
        http.PostAsJsonAsync("/api/reviews/periodic", new { slug, comment, referencesChecked });

    /// <summary>Opens a review by sending its submission on the bus, as Authoring would.</summary>
    public static async Task<Guid> SubmitAsync(this ReviewApi api, Contracts.ContentSubmittedForReview submission)
    {
        await api.PublishAndWaitAsync(submission, "RecordSubmissionConsumer");
        return submission.ReviewId;
    }
}
