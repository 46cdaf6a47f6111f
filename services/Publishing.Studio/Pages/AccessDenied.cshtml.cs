using Microsoft.AspNetCore.Mvc;

namespace Publishing.Studio.Pages;

public sealed class AccessDeniedModel : StudioPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string Explanation => ReturnUrl switch
    {
        { } u when u.StartsWith("/Reviews", StringComparison.OrdinalIgnoreCase) =>
            "Reviewing and approving changes is for clinical reviewers; an editor cannot approve a change, their own or anyone else’s.",
        { } u when u.StartsWith("/Admin", StringComparison.OrdinalIgnoreCase) => "Subscriptions and deliveries are for administrators.",
        { } u when u.Contains("/Withdraw", StringComparison.OrdinalIgnoreCase) => "Only a reviewer or an administrator can withdraw content.",
        _ => "Your role does not allow this.",
    };

    public void OnGet()
    {
    }
}
