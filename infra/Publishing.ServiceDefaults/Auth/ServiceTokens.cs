using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Publishing.ServiceDefaults.Auth;

/// <summary>
/// The token a service presents when it calls another service's internal route: its own identity
/// with the <see cref="Roles.Service"/> role, never a user's token passed on. From the identity
/// provider by client credentials (<c>Auth:Client:ClientId</c>, <c>:ClientSecret</c>, optional
/// <c>:Scope</c>), kept until a minute before it expires; in Development with the dev issuer on, signed
/// locally with the dev key. With neither, a call fails with <see cref="ServiceCredentialsMissingException"/>.
/// </summary>
public sealed class ServiceTokens(AuthSettings auth, IConfiguration config, IHttpClientFactory http, TimeProvider clock, string serviceName)
{
    public const string BackchannelClient = "identity-provider";

    private readonly SemaphoreSlim _lock = new(1, 1);
    private (string Token, DateTimeOffset RenewAt)? _current;

    public async Task<string> GetAsync(CancellationToken ct)
    {
        if (_current is { } held && clock.GetUtcNow() < held.RenewAt) return held.Token;
        await _lock.WaitAsync(ct);
        try
        {
            if (_current is { } again && clock.GetUtcNow() < again.RenewAt) return again.Token;
            var (token, lifetime) = await ObtainAsync(ct);
            _current = (token, clock.GetUtcNow() + lifetime - TimeSpan.FromSeconds(Math.Min(60, lifetime.TotalSeconds / 2)));
            return token;
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<(string Token, TimeSpan Lifetime)> ObtainAsync(CancellationToken ct)
    {
        var clientId = config["Auth:Client:ClientId"];
        var secret = config["Auth:Client:ClientSecret"];
        if (!string.IsNullOrWhiteSpace(clientId) && !string.IsNullOrWhiteSpace(secret) && auth.Authority is { } authority)
            return await ClientCredentialsAsync(authority, clientId, secret, config["Auth:Client:Scope"], ct);
        if (auth.DevIssuerEnabled && auth.SigningKey is { } key) return SignLocally(key);
        throw new ServiceCredentialsMissingException(
            $"{serviceName} has no credentials to call another service: set Auth:Client:ClientId and Auth:Client:ClientSecret " +
            "(a client of Auth:Authority allowed the client-credentials grant, with the 'service' role).");
    }

    private async Task<(string, TimeSpan)> ClientCredentialsAsync(Uri authority, string clientId, string secret, string? scope, CancellationToken ct)
    {
        var client = http.CreateClient(BackchannelClient);
        var discovery = await client.GetFromJsonAsync<JsonElement>(new Uri(authority, ".well-known/openid-configuration"), ct);
        var endpoint = discovery.GetProperty("token_endpoint").GetString()
            ?? throw new InvalidOperationException("The identity provider's discovery document names no token endpoint.");
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials" };
        if (!string.IsNullOrWhiteSpace(scope)) form["scope"] = scope;
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}")));
        using var response = await client.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"The identity provider refused {serviceName}'s client credentials ({(int)response.StatusCode}).");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        var token = body.GetProperty("access_token").GetString() ?? throw new InvalidOperationException("The identity provider sent no access token.");
        var seconds = body.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var s) ? s : 300;
        return (token, TimeSpan.FromSeconds(seconds));
    }

    private (string, TimeSpan) SignLocally(SecurityKey key)
    {
        var now = clock.GetUtcNow();
        var lifetime = TimeSpan.FromMinutes(10);
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            Subject = new ClaimsIdentity([new Claim("sub", serviceName), new Claim("name", serviceName), new Claim("role", Roles.Service)]),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
        return (token, lifetime);
    }
}

public sealed class ServiceCredentialsMissingException(string message) : Exception(message);

/// <summary>Puts this service's own token on every request of an internal client.</summary>
public sealed class ServiceTokenHandler(ServiceTokens tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAsync(ct));
        return await base.SendAsync(request, ct);
    }
}

public static class ServiceTokenRegistration
{
    /// <summary>Registers <see cref="ServiceTokens"/> for this service and the handler internal clients add.</summary>
    public static IServiceCollection AddServiceTokens(this IServiceCollection services, string serviceName)
    {
        services.AddHttpClient(ServiceTokens.BackchannelClient)
            .ConfigurePrimaryHttpMessageHandler(sp => AuthorityBackchannel.Create(sp.GetRequiredService<AuthSettings>().AuthorityCaCertificate)
                ?? new SocketsHttpHandler());
        services.AddSingleton(sp => new ServiceTokens(sp.GetRequiredService<AuthSettings>(), sp.GetRequiredService<IConfiguration>(),
            sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<TimeProvider>(), serviceName));
        services.AddTransient<ServiceTokenHandler>();
        return services;
    }
}
