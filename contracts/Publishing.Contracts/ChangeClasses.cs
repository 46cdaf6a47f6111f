namespace Publishing.Contracts;

/// <summary>
/// The change classes of a submitted revision, lowest to highest, and the review each needs
/// (docs/product.md, "Change classes and review policy"). Events carry a class as its name; Authoring
/// computes it, Review enforces its approvals, the Studio shows it: all of them read this table.
/// </summary>
public static class ChangeClasses
{
    public const string Editorial = "editorial";
    public const string Clinical = "clinical";
    public const string Safety = "safety";

    private static readonly string[] LowestFirst = [Editorial, Clinical, Safety];

    /// <summary>Lowest to highest: an editor may raise a revision's class along it, never lower it.</summary>
    public static IReadOnlyList<string> Order { get; } = Array.AsReadOnly(LowestFirst);

    public static bool IsKnown(string? changeClass) => changeClass is not null && Array.IndexOf(LowestFirst, changeClass) >= 0;

    /// <summary>The class's place in <see cref="Order"/>; -1 for an unknown class.</summary>
    public static int Rank(string changeClass) => Array.IndexOf(LowestFirst, changeClass);

    /// <summary>The higher of two classes (the first when they rank the same).</summary>
    public static string Max(string a, string b) => Rank(a) >= Rank(b) ? a : b;

    /// <summary>Distinct approvals a class needs: safety two, every other class one.</summary>
    public static int RequiredApprovals(string changeClass) => changeClass == Safety ? 2 : 1;

    /// <summary>Clinical and safety approvals need a reviewer with a recorded qualification.</summary>
    public static bool NeedsQualifiedReviewer(string changeClass) => changeClass is Clinical or Safety;

    /// <summary>Clinical and safety approvers confirm the references were checked.</summary>
    public static bool NeedsReferencesChecked(string changeClass) => changeClass is Clinical or Safety;
}
