namespace Publishing.Messaging.Validation;

/// <summary>
/// The largest values an event may carry: what the consuming services' columns hold (SQL Server refuses
/// more) and what the producing APIs accept, so an event within them can always be stored.
/// </summary>
public static class EventLimits
{
    public const int Title = 300;
    public const int ContentType = 20;
    public const int SubmissionReason = 30;
    public const int Text = 2000; // change summaries, comments, withdrawal reasons
    public const int PersonId = 200;
    public const int PersonName = 200;
    public const int Tag = 200;
    public const int Tags = 200;
    public const int Approvals = 50;
    public const int ContentHash = 100;
    public const int FieldPath = 500;
    public const int FieldValue = 200_000; // a field's JSON text: a body of 100,000 characters, escaped
    public const int FieldChanges = 10_000;
    public const int WordChanges = 100_000; // the runs of a word-level diff of one field
    public const int ReleaseName = 200;
    public const int ReleaseMembers = 100; // what one release may hold (Authoring refuses more)
}
