using System.Collections;
using System.Text.Json;

namespace Publishing.Contracts.Tests;

/// <summary>One realistic instance of each contract.</summary>
internal static class SampleContracts
{
    private static readonly Guid ContentId = Guid.Parse("6f1c2a44-93b5-4c0e-8a51-2f7e0d3b9c11");
    private static readonly Guid OtherContentId = Guid.Parse("3d0a7c15-58e2-4f6b-9e84-c1b2a6d90f37");
    private static readonly Guid ReleaseId = Guid.Parse("a4e9b1c0-7d26-4f83-b5a1-92c6e0d4f718");
    private static readonly Guid ReviewId = Guid.Parse("0b8e6d72-1f4a-4a9c-b3d2-57c9e8a1f604");
    private static readonly DateTimeOffset At = new(2026, 3, 30, 9, 15, 42, 123, TimeSpan.FromHours(1));

    private static readonly Approval Approval = new(
        "dr-okafor", "Dr Amara Okafor", "MBBS MRCGP", "Dosage table checked against BNF.", true, At.AddMinutes(-30));

    private static readonly JsonElement Fields = JsonDocument.Parse(
        """{"summary":"Paracetamol is a common painkiller.","dosage":[{"age":"16 and over","dose":"500mg to 1g"}],"warnings":null}""")
        .RootElement.Clone();

    public static readonly IReadOnlyDictionary<string, object> All = new object[]
    {
        Approval,
        new FieldChange("/dosage/0/dose", "modified", "\"500mg\"", "\"500mg to 1g\"", "clinical", "500mg", "500mg to 1g",
            [new WordChange("unchanged", "500mg"), new WordChange("added", " to 1g")]),
        new WordChange("removed", "twice"),
        new ContentSubmittedForReview(ContentId, "paracetamol-for-adults", 4, At, ReviewId, "medicine", "Paracetamol for adults",
            "clinical", 2, "scheduled-review", "Updated adult dosage.", "ed-patel", "Priya Patel",
            [new FieldChange("/dosage/0/dose", "modified", "\"500mg\"", "\"500mg to 1g\"", "clinical"),
             new FieldChange("/warnings", "added", null, "\"Do not exceed 4g in 24 hours.\"", "clinical")]),
        new ContentPublished(ContentId, "paracetamol-for-adults", 4, At, "medicine", "Paracetamol for adults", Fields,
            ["pain", "medicines"], "clinical", "Updated adult dosage.", "scheduled-review", "ed-patel", "Priya Patel",
            [Approval], At.AddYears(-2), At, At.AddDays(-1), At.AddYears(1),
            "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
        new ContentWithdrawn(ContentId, "paracetamol-for-adults", 5, At, "medicine", "Paracetamol for adults",
            "superseded", "ed-patel", "Priya Patel"),
        new ContentReviewConfirmed(ContentId, "paracetamol-for-adults", 4, At, "medicine", "Paracetamol for adults",
            Approval, At, At.AddYears(1)),
        new ReviewApproved(ReviewId, ContentId, "paracetamol-for-adults", 4, "clinical", [Approval], At),
        new ChangesRequested(ReviewId, ContentId, "paracetamol-for-adults", 4, "dr-okafor", "Dr Amara Okafor",
            "Please cite the NICE guideline for the maximum dose.", At),
        new ReviewDue(ContentId, "paracetamol-for-adults", 4, At.AddYears(-1), At.AddDays(14), false, At),
        new PeriodicReviewCompleted(ReviewId, ContentId, "paracetamol-for-adults", 4, Approval, At),
        new SubmissionRecalled(ContentId, "paracetamol-for-adults", 4, At, ReviewId, "ed-patel", "Priya Patel"),
        new ReleasePublished(ReleaseId, "Paracetamol dosing update", At,
            [new ContentPublished(ContentId, "paracetamol-for-adults", 4, At, "medicine", "Paracetamol for adults", Fields,
                ["pain", "medicines"], "clinical", "Updated adult dosage.", "scheduled-review", "ed-patel", "Priya Patel",
                [Approval], At.AddYears(-2), At, At.AddDays(-1), At.AddYears(1),
                "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", ReleaseId: ReleaseId)],
            [new ContentWithdrawn(OtherContentId, "co-codamol-for-adults", 3, At, "medicine", "Co-codamol for adults",
                "superseded", "dr-okafor", "Dr Amara Okafor", ReleaseId)]),
    }.ToDictionary(o => o.GetType().Name);

    /// <summary>Lists and JsonElement compare by reference, so such records are compared as JSON instead.</summary>
    public static bool HoldsReferenceMembers(Type type) =>
        type.GetProperties().Any(p => p.PropertyType == typeof(JsonElement)
            || (p.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(p.PropertyType)));
}
