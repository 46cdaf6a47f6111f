namespace Publishing.Studio.Pages.Releases;

/// <summary>How a release's status and a member's state read in the Studio.</summary>
public static class ReleaseText
{
    public static string Status(string status) => status switch
    {
        "open" => "Open (being built)",
        "scheduled" => "Scheduled",
        "published" => "Live",
        "failed" => "Did not go live at its time",
        _ => status,
    };

    public static string State(string state) => state switch
    {
        "ready" => "Ready",
        "live" => "Live",
        "awaiting-approval" => "Blocks: still in review",
        "changes-requested" => "Blocks: changes requested",
        "recalled" => "Blocks: recalled",
        "replaced" => "Blocks: replaced by a newer submission",
        "withdrawn-meanwhile" => "Blocks: withdrawn outside the release",
        "republished-meanwhile" => "Blocks: a newer revision went live",
        _ => state,
    };
}
