namespace Publishing.Authoring.Content;

/// <summary>The change classes (the one place their names live) and the approvals each needs.</summary>
public static class ChangeClasses
{
    public const string Editorial = "editorial";
    public const string Clinical = "clinical";
    public const string Safety = "safety";

    private static readonly string[] Order = [Editorial, Clinical, Safety];

    public static bool IsKnown(string? value) => value is not null && Order.Contains(value);
    public static int Rank(string value) => Array.IndexOf(Order, value);
    public static string Max(string a, string b) => Rank(a) >= Rank(b) ? a : b;

    /// <summary>Approvals each class needs (docs/product.md): safety needs two distinct reviewers.</summary>
    public static int RequiredApprovals(string changeClass) => changeClass == Safety ? 2 : 1;
}
