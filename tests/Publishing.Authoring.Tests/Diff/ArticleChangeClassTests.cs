using Publishing.Authoring.Content.Diff;
using Publishing.Contracts;
using Xunit;

namespace Publishing.Authoring.Tests.Diff;

// Inside the namespace: from a file-level using, Diff(...) would name the sibling namespace Publishing.Authoring.Tests.Diff.
using static Publishing.Authoring.Tests.Diff.SeedEdits;

/// <summary>
/// The change class of edits to an article's sections, summary, related drugs and tags.
/// </summary>
public class ArticleChangeClassTests
{
    [Fact]
    public void Changing_an_article_section_body_is_clinical()
    {
        var (seed, after) = Edit(Article, f => Section(f, "Pazopanib (Votrient)")["body"] = "Pazopanib is not available in Scotland.");

        var change = Assert.Single(Diff(seed, after));

        Assert.Equal(("sections[Pazopanib (Votrient)].body", "changed", "clinical"), (change.Path, change.Kind, change.ChangeClass));
        Assert.Equal(ChangeClasses.Clinical, ChangeClassification.Classify([change]));
        Assert.Equal(1, ChangeClasses.RequiredApprovals(ChangeClasses.Clinical));
    }

    [Fact]
    public void Renaming_a_section_heading_is_a_clinical_change_of_the_section()
    {
        var (seed, after) = Edit(Article, f => Section(f, "Sunitinib (Sutent)")["heading"] = "Sunitinib");

        var change = Assert.Single(Diff(seed, after));

        // The body is the same, so the sections pair up; the heading says what the body is about: clinical.
        Assert.Equal(("sections[Sunitinib].heading", "changed", "clinical"), (change.Path, change.Kind, change.ChangeClass));
        Assert.Equal(("Sunitinib (Sutent)", "Sunitinib"), (change.BeforeText, change.AfterText));
    }

    [Fact]
    public void Changing_the_article_summary_is_editorial()
    {
        var (seed, after) = Edit(Article, f => f["summary"] = "Shorter summary.");

        var change = Assert.Single(Diff(seed, after));

        Assert.Equal(("summary", "changed", "editorial"), (change.Path, change.Kind, change.ChangeClass));
        Assert.Equal(ChangeClasses.Editorial, ChangeClassification.Classify([change]));
    }

    [Fact]
    public void Changing_related_drugs_is_clinical()
    {
        var (seed, after) = Edit(Article, f =>
        {
            f["relatedDrugs"]!.AsArray().Remove(f["relatedDrugs"]!.AsArray().Single(d => (string)d! == "pazopanib"));
            f["relatedDrugs"]!.AsArray().Add("ripretinib");
        });

        var changes = Diff(seed, after);

        Assert.Equal(
            [("relatedDrugs[pazopanib]", "removed", "clinical"), ("relatedDrugs[ripretinib]", "added", "clinical")],
            Summary(changes));
    }

    [Fact]
    public void Changing_article_tags_is_editorial()
    {
        var (seed, after) = Edit(Article, f => f["tags"]!.AsArray().Add("GIST"));

        var change = Assert.Single(Diff(seed, after));

        Assert.Equal(("tags[GIST]", "added", "editorial"), (change.Path, change.Kind, change.ChangeClass));
    }
}
