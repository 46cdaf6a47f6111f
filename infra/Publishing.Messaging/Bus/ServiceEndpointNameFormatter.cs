using System.Text.RegularExpressions;
using MassTransit;

namespace Publishing.Messaging.Bus;

/// <summary>
/// Kebab-case queue names prefixed with the consumer's service, taken from its assembly
/// (<c>Publishing.SearchIndexing</c> gives <c>search-indexing-...</c>), so no two services ever share
/// a queue, even when they run in one process. With an instance name (<c>Messaging:InstanceName</c>)
/// every queue of this host gets it as a suffix: each instance then receives every event, which is
/// how several Search-indexing instances each keep a complete index.
/// </summary>
public sealed partial class ServiceEndpointNameFormatter(string? instanceName = null) : KebabCaseEndpointNameFormatter(includeNamespace: false)
{
    public static new ServiceEndpointNameFormatter Instance { get; } = new();

    public override string Consumer<T>() =>
        $"{ServiceName(typeof(T))}-{base.Consumer<T>()}{(string.IsNullOrWhiteSpace(instanceName) ? "" : "-" + SanitizeName(instanceName.Trim().ToLowerInvariant()))}";

    public static string ServiceName(Type type)
    {
        var assembly = type.Assembly.GetName().Name ?? "publishing";
        var last = assembly.Split('.')[^1];
        return WordBoundary().Replace(last, "$1-$2").ToLowerInvariant();
    }

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex WordBoundary();
}
