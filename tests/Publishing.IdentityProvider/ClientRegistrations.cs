using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Publishing.IdentityProvider;

/// <summary>Creates the store and registers the configured clients, before the provider takes requests.</summary>
public static class ClientRegistrations
{
    public static async Task RegisterClientsAsync(this IServiceProvider services, IdpSettings settings)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IdpDbContext>().Database.EnsureCreatedAsync();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();

        // Tests sign users in with one call: a public client allowed only the password grant.
        var tests = Descriptor(settings.TestClientId, secret: null, settings, GrantTypes.Password);
        await manager.CreateAsync(tests);

        foreach (var service in settings.Services)
            await manager.CreateAsync(Descriptor(service.ClientId, service.ClientSecret, settings, GrantTypes.ClientCredentials));

        if (settings.Studio is { } studio)
        {
            var descriptor = Descriptor(studio.ClientId, studio.ClientSecret, settings, GrantTypes.AuthorizationCode, GrantTypes.RefreshToken);
            descriptor.ConsentType = ConsentTypes.Implicit;
            descriptor.Permissions.UnionWith([Permissions.Endpoints.Authorization, Permissions.Endpoints.EndSession, Permissions.ResponseTypes.Code]);
            descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
            descriptor.RedirectUris.UnionWith(studio.RedirectUris);
            descriptor.PostLogoutRedirectUris.UnionWith(studio.PostLogoutRedirectUris);
            await manager.CreateAsync(descriptor);
        }
    }

    private static OpenIddictApplicationDescriptor Descriptor(string clientId, string? secret, IdpSettings settings, params string[] grants)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = secret is null ? ClientTypes.Public : ClientTypes.Confidential,
            DisplayName = clientId,
        };
        descriptor.Permissions.Add(Permissions.Endpoints.Token);
        descriptor.Permissions.UnionWith(grants.Select(g => Permissions.Prefixes.GrantType + g));
        descriptor.Permissions.UnionWith([Permissions.Scopes.Profile, Permissions.Scopes.Roles]);
        // Every client may ask for any known audience: tests need wrongly-audienced tokens to prove they are refused.
        descriptor.Permissions.UnionWith(settings.Resources.Select(r => Permissions.Prefixes.Scope + r));
        return descriptor;
    }
}
