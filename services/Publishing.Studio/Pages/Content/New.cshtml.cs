using Microsoft.AspNetCore.Mvc;
using Publishing.Studio.Api;
using Publishing.Studio.Forms;

namespace Publishing.Studio.Pages.Content;

public sealed class NewModel(AuthoringApi authoring, MarkdownRenderer markdown) : StudioPageModel
{
    public MarkdownRenderer Markdown => markdown;
    public string? ChangedList { get; private set; }
    public string? RowMessage { get; private set; }

    [BindProperty(SupportsGet = true)] public string Type { get; set; } = "drug";
    [BindProperty] public string? Slug { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public DrugForm Drug { get; set; } = DrugForm.Empty();
    [BindProperty] public ArticleForm Article { get; set; } = ArticleForm.Empty();

    public void OnGet()
    {
        if (Type != "article") Type = "drug";
    }

    public async Task<IActionResult> OnPostAsync(string? op, CancellationToken ct)
    {
        if (Type != "article") Type = "drug";
        if (op != "save")
        {
            if (RowOp.Parse(op) is { } rowOp)
            {
                RowMessage = Type == "drug" ? Drug.Apply(rowOp) : Article.Apply(rowOp);
                ChangedList = rowOp.List;
            }
            return Page();
        }

        var fields = Type == "drug" ? Drug.ToJson() : Article.ToJson();
        var created = await authoring.CreateAsync(Type, (Slug ?? "").Trim(), Title ?? "", fields, ct);
        if (!created.Ok) return ProblemPage(created.Problem!);
        Flash = $"Created {created.Value!.Slug} as a draft (revision 1).";
        return RedirectToPage("/Content/Edit", new { slug = created.Value.Slug });
    }
}
