using ChangeClass = Publishing.Contracts.ChangeClasses;

namespace Publishing.Studio.Forms;

/// <summary>The values the forms offer, each with the label the editor sees.</summary>
public static class Vocabulary
{
    public static readonly (string, string)[] Types = [("drug", "Drug entry"), ("article", "Article")];

    public static readonly (string, string)[] Statuses =
        [("draft", "Draft"), ("in-review", "In review"), ("approved", "Approved, waiting for its release"), ("changes-requested", "Changes requested"), ("published", "Published"), ("withdrawn", "Withdrawn")];

    public static readonly (string, string)[] Bodies =
        [("MHRA", "MHRA"), ("EMA", "EMA"), ("FDA", "FDA"), ("NICE", "NICE"), ("SMC", "SMC"), ("AWMSG", "AWMSG"), ("CDF", "CDF")];

    public static readonly (string, string)[] Decisions =
    [
        ("authorised", "Authorised"), ("conditional", "Conditional"), ("recommended", "Recommended"),
        ("not-recommended", "Not recommended"), ("not-appraised", "Not appraised"), ("cdf-only", "Cancer Drugs Fund only"),
        ("suspended", "Suspended"), ("withdrawn", "Withdrawn"),
    ];

    public static readonly (string, string)[] Reasons =
        [("safety", "Safety"), ("new-evidence", "New evidence"), ("regulatory", "Regulatory"), ("editorial", "Editorial")];

    /// <summary>The change classes of the contracts, lowest first.</summary>
    public static readonly (string, string)[] ChangeClasses =
        [(ChangeClass.Editorial, "Editorial"), (ChangeClass.Clinical, "Clinical"), (ChangeClass.Safety, "Safety")];

    public static readonly (string, string)[] Events =
        [("content.published", "content.published"), ("content.withdrawn", "content.withdrawn"), ("content.reviewed", "content.reviewed")];

    public static string Text((string, string)[] list, string? value) =>
        list.FirstOrDefault(x => x.Item1 == value).Item2 ?? value ?? "";
}
