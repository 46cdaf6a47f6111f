namespace Publishing.ServiceDefaults.Auth;

public static class Roles
{
    public const string Editor = "editor";
    public const string Reviewer = "reviewer";
    public const string Admin = "admin";

    /// <summary>Another Publishing service calling an internal route with its own credentials (never a user's).</summary>
    public const string Service = "service";

    /// <summary>The roles people have; <see cref="Service"/> is not one of them.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string> { Editor, Reviewer, Admin };
}

/// <summary>Authorization policy names used on endpoints.</summary>
public static class Policies
{
    public const string Editor = "editor";
    public const string Reviewer = "reviewer";
    public const string Admin = "admin";
    public const string ReviewerOrAdmin = "reviewer-or-admin";
    public const string Staff = "staff";
    public const string Service = "service";
}
