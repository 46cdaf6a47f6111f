using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Publishing.IdentityProvider;

// A real OpenID Connect provider for tests, configured entirely from the command line / environment:
//   --urls https://127.0.0.1:<port>  --Tls:CertificatePath=<pfx> --Tls:CertificatePassword=<pw>
//   --Keys:Directory=<folder of RSA PEM keys; the first in name order signs>
//   --Tokens:AccessTokenLifetime=00:10:00 --Tokens:RefreshTokenLifetime=01:00:00
//   --Tokens:Audience=publishing --Tokens:OtherAudiences:0=other-api
//   --BrowserOrigin=https://localhost:<port> (optional: the origin discovery names for the browser's endpoints)
//   --Users:0:Username=... :Password :Subject :Name :Roles:0 :Qualification
//   --Clients:Tests:ClientId=publishing-tests (password grant, public)
//   --Clients:Studio:ClientId/ClientSecret/RedirectUris:0/PostLogoutRedirectUris:0 (code + PKCE)
//   --Clients:Services:0:ClientId/ClientSecret/Roles:0 (client credentials)
//   --Database:Path=<sqlite file>  --ParentProcessId=<pid: stop when it exits>
// Tokens: access tokens are RS256 JWTs with aud = Tokens:Audience; a token request with scope=<another configured
// audience> (e.g. other-api) gets that aud instead, and one with access_token_lifetime=<seconds> a shorter life
// (or restart with a short Tokens:AccessTokenLifetime). The Studio asking for scope offline_access also gets a
// refresh token, which a restart invalidates (its encryption key lives in memory). OpenIddict 7 refuses an
// `audience` parameter outside token exchange, so a client must not send one (leave Studio:Oidc:Audience unset).
var builder = WebApplication.CreateBuilder(args);
// Quiet by default (a test shows this output only when the provider fails); --Logging:LogLevel:Default=Information to see more.
builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
{
    InitialData = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" },
});
var settings = IdpSettings.From(builder.Configuration);
builder.Services.AddSingleton(settings);

builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https =>
{
    if (builder.Configuration["Tls:CertificatePath"] is { } path)
        https.ServerCertificate = X509CertificateLoader.LoadPkcs12FromFile(path, builder.Configuration["Tls:CertificatePassword"]);
}));

// Sessions and antiforgery tokens need not survive the process: a restart is a new provider.
builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
builder.Services.AddAntiforgery();
builder.Services.AddAuthentication(BrowserEndpoints.SessionScheme).AddCookie(BrowserEndpoints.SessionScheme, o =>
{
    o.Cookie.Name = "publishing-idp";
    o.LoginPath = LoginForm.Path;
    o.ReturnUrlParameter = "returnUrl";
});
builder.Services.AddIdentityProvider(settings);
builder.Services.AddHostedService<ParentProcessWatch>();

var app = builder.Build();
await app.Services.RegisterClientsAsync(settings);

app.UseAuthentication();
app.MapTokenEndpoint();
app.MapBrowserEndpoints();

// The database belongs to this run only.
app.Lifetime.ApplicationStopped.Register(() =>
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    try { File.Delete(settings.DatabasePath); } catch (IOException) { /* the next run uses a new file anyway */ }
});
// The line a test waits for (stdout, not the log, so no logging setting can hide it).
app.Lifetime.ApplicationStarted.Register(() => Console.Out.WriteLine($"IdP ready at {settings.Issuer}"));

await app.RunAsync();
