using Publishing.Studio.Forms;

namespace Publishing.Studio.Tests;

public sealed class FieldTests
{
    [Theory]
    [InlineData("fields.approvals[0].decision", "Approvals › 1 › Decision")]
    [InlineData("fields.sideEffects.serious[4]", "Side effects › Serious › 5")]
    [InlineData("sideEffects.serious[bleeding, e.g. nosebleeds. Tell us]", "Side effects › Serious › “bleeding, e.g. nosebleeds. Tell us”")]
    [InlineData("title", "Title")]
    public void Describe_names_a_json_path_in_words(string path, string expected) => Assert.Equal(expected, Field.Describe(path));

    [Fact]
    public void Ids_are_safe_and_stable() => Assert.Equal("f-fields-approvals-0-decision", Field.Id("fields.approvals[0].decision"));

    [Fact]
    public void Markdown_preview_drops_scripts_and_raw_html()
    {
        var html = new MarkdownRenderer().Render("**Take** with food <script>alert(1)</script> [x](javascript:alert(1))").ToString()!;
        Assert.Contains("<strong>Take</strong>", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("javascript:", html);
    }
}
