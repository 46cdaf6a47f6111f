using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.Extensions.FileProviders;
using Publishing.Messaging.Database;
using Publishing.ServiceDefaults;
using Publishing.ServiceDefaults.Hosting;
using Publishing.Studio.Api;
using Publishing.Studio.Auth;
using Publishing.Studio.Data;

namespace Publishing.Studio;

/// <summary>
/// The Studio: the editorial web UI (Razor Pages, server-rendered, works without JavaScript). It
/// owns no content: every read and write goes to the services' HTTP APIs with the signed-in
/// user's bearer token. Its own small database holds only the Data Protection key ring, so the
/// sign-in cookie survives restarts and is shared by every Studio instance.
/// </summary>
public static class StudioHost
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = ServiceBuilder.Create(args);
        configure?.Invoke(builder);
        builder.AddServiceDefaults("studio");
        builder.AddStudio(); // no bus: the Studio stages and consumes no events

        var app = builder.Build();
        app.UseServiceDefaults();
        app.MapDefaultEndpoints();
        app.MapStudio();
        return app;
    }

    public static WebApplicationBuilder AddStudio(this WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase<StudioDbContext, StudioSqlServerDbContext>("Studio");
        builder.AddStudioKeyRing();
        builder.Services.AddHttpContextAccessor();
        builder.AddStudioAuth();
        // Preview links are addressed from PublicBaseUrl (sign-in with a provider has already read it).
        if (builder.Services.All(d => d.ServiceType != typeof(PublicOrigin))) PublicOrigin.AddPublicOrigin(builder);
        builder.Services.AddStudioApis();
        builder.Services.AddSingleton<Forms.MarkdownRenderer>();
        builder.Services.AddScoped<Presence.EditorPresence>();

        builder.Services.AddRazorPages(o =>
            {
                o.Conventions.AuthorizeFolder("/", StudioAuth.StaffPolicy);
                // Anonymous pages still read the cookie (the staff policy names its scheme), so the
                // header shows who is signed in.
                o.Conventions.AllowAnonymousToPage("/SignIn");
                o.Conventions.AllowAnonymousToPage("/AccessDenied");
                o.Conventions.AllowAnonymousToPage("/Published");
                o.Conventions.AllowAnonymousToPage("/Preview");
                o.Conventions.AuthorizeFolder("/Reviews", StudioAuth.ReviewerPolicy);
                o.Conventions.AuthorizeFolder("/Admin", StudioAuth.AdminPolicy);
                o.Conventions.AuthorizePage("/Content/Withdraw", StudioAuth.ReviewerPolicy);
            })
            .ConfigureApplicationPartManager(parts =>
            {
                // Hosted by the standalone host, the pages live in this library, not the entry assembly.
                var assembly = typeof(StudioHost).Assembly;
                if (parts.ApplicationParts.Any(p => p.Name == assembly.GetName().Name)) return;
                foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
                    parts.ApplicationParts.Add(part);
            });
        return builder;
    }

    public static WebApplication MapStudio(this WebApplication app)
    {
        var assets = new EmbeddedFileProvider(typeof(StudioHost).Assembly, "Publishing.Studio.Assets");
        app.MapGet("/studio/{file}", (string file) =>
            {
                var info = assets.GetFileInfo(file);
                if (!info.Exists) return Results.NotFound();
                var type = Path.GetExtension(file) switch { ".css" => "text/css; charset=utf-8", ".js" => "text/javascript; charset=utf-8", ".svg" => "image/svg+xml", _ => "application/octet-stream" };
                return Results.Stream(info.CreateReadStream(), type);
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        app.MapRazorPages();
        return app;
    }
}
