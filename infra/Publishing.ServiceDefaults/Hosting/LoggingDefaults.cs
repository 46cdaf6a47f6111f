using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration.Memory;

namespace Publishing.ServiceDefaults.Hosting;

/// <summary>
/// What every host logs when its settings say nothing about logging: information from our own code,
/// warnings and errors from the frameworks (left at Information, EF Core logs every SQL statement and
/// ASP.NET Core every request), and console lines stamped with the UTC time in ISO 8601 form, so lines
/// from several services can be put in order. Any <c>Logging:</c> setting (file, environment, command
/// line) overrides these.
/// </summary>
public static class LoggingDefaults
{
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";

    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        ["Logging:LogLevel:MassTransit"] = "Warning",
        ["Logging:Console:FormatterName"] = "simple",
        ["Logging:Console:FormatterOptions:TimestampFormat"] = TimestampFormat,
        ["Logging:Console:FormatterOptions:UseUtcTimestamp"] = "true",
    };

    /// <summary>Adds <see cref="Settings"/> beneath every other configuration source, so each is only a default.</summary>
    public static WebApplicationBuilder AddLoggingDefaults(this WebApplicationBuilder builder)
    {
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Settings });
        return builder;
    }
}
