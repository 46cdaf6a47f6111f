using Publishing.ServiceDefaults.Validation;
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
    public void A_refused_character_is_shown_beside_its_field_encoded()
    {
        // What Authoring answers for "<b>Ima" + U+202E + "tinib" in the generic name, under that field's path.
        var message = TextHygiene.Problem("<b>Ima\u202Etinib")!;
        var errors = new FieldErrors(new Dictionary<string, string[]> { ["fields.genericName"] = [message] });

        var html = Field.Input(errors, "fields.genericName", "Drug.GenericName", "Generic name", "<b>Ima\u202Etinib").ToString()!;

        Assert.Contains("<p class=\"error\" id=\"f-fields-genericName-error\">", html);
        Assert.Contains("202E is not allowed", html);
        Assert.Contains("aria-invalid=\"true\"", html);
        Assert.DoesNotContain("<b>", html);
    }

    [Fact]
    public void Markdown_preview_drops_scripts_and_raw_html()
    {
        var html = new MarkdownRenderer().Render("**Take** with food <script>alert(1)</script> [x](javascript:alert(1))").ToString()!;
        Assert.Contains("<strong>Take</strong>", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("javascript:", html);
    }
}
