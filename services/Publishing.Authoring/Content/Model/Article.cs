namespace Publishing.Authoring.Content.Model;

/// <summary>
/// The fields of an article (docs/product.md, "Content model"). Property order here is the order of the
/// normalized JSON.
/// </summary>
public sealed record Article(
    string Title,
    string Summary,
    IReadOnlyList<ArticleSection> Sections,
    IReadOnlyList<string> RelatedDrugs,
    IReadOnlyList<string> Conditions,
    IReadOnlyList<string> Tags) : IContentFields;

/// <summary>One section of an article; <see cref="Body"/> is Markdown.</summary>
public sealed record ArticleSection(string Heading, string Body);
