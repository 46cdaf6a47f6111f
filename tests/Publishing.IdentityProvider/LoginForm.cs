using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace Publishing.IdentityProvider;

/// <summary>
/// A plain server-rendered sign-in form (labels <c>Username</c>, <c>Password</c>, button <c>Sign in</c>), so
/// browser tests drive the same steps a person does. It signs the session cookie in and goes back to the
/// authorization request it came from.
/// </summary>
public static class LoginForm
{
    public const string Path = "/account/login";

    public static IResult Show(HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
        Page(http, antiforgery, returnUrl, error: null);

    public static async Task<IResult> SubmitAsync(HttpContext http, IAntiforgery antiforgery, IdpSettings settings)
    {
        if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest("The form expired; reload the page.");
        var form = await http.Request.ReadFormAsync();
        string? returnUrl = form["returnUrl"], username = form["username"], password = form["password"];

        var user = settings.FindUser(username);
        if (user is null || !Passwords.Match(user.Password, password))
            return Page(http, antiforgery, returnUrl, "The username or password is incorrect.", username);

        await http.SignInAsync(BrowserEndpoints.SessionScheme, BrowserEndpoints.SessionPrincipal(user));
        // Only back into this provider: a sign-in form must not become an open redirect.
        return Results.Redirect(IsLocal(returnUrl) ? returnUrl! : "/");
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? error,
        string? username = null)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var alert = error is null ? "" : $"""<p role="alert">{E(error)}</p>""";
        var html = $"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Sign in</title></head>
            <body>
              <main>
                <h1>Sign in</h1>
                {alert}
                <form method="post" action="{Path}">
                  <input type="hidden" name="{E(tokens.FormFieldName)}" value="{E(tokens.RequestToken)}">
                  <input type="hidden" name="returnUrl" value="{E(returnUrl)}">
                  <p><label for="username">Username</label> <input id="username" name="username" autocomplete="username" value="{E(username)}" required></p>
                  <p><label for="password">Password</label> <input id="password" name="password" type="password" autocomplete="current-password" required></p>
                  <p><button type="submit">Sign in</button></p>
                </form>
              </main>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
