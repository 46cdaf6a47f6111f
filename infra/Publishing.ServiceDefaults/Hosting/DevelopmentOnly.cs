using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Publishing.ServiceDefaults.Hosting;

/// <summary>
/// The one rule for development aids (the dev token issuer and its built-in key, the Studio's dev
/// sign-in, private webhook targets, anonymous OpenAPI): they run only when the environment is
/// Development <b>and</b> a setting asks for them. Asked for anywhere else, the host refuses to start,
/// so a copied settings file can never open production.
/// </summary>
public static class DevelopmentOnly
{
    /// <summary>The value of a boolean switch that only Development may turn on.</summary>
    public static bool Switch(IConfiguration config, IHostEnvironment environment, string key)
    {
        if (!config.GetValue(key, false)) return false;
        if (!environment.IsDevelopment())
            throw new StartupRefusedException(
                $"{key} is a development aid and the environment is '{environment.EnvironmentName}'. It works only when " +
                $"ASPNETCORE_ENVIRONMENT is Development; remove {key} from this environment's settings (see docs/security.md).");
        return true;
    }
}
