namespace Publishing.Authoring.Content;

public sealed class ReviewPolicyOptions
{
    /// <summary>How long a clinical sign-off lasts before the next review is due (docs/product.md: 3 years).</summary>
    public int ReviewIntervalMonths { get; set; } = 36;
}
