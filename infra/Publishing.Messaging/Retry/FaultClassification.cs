using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Publishing.Messaging.Validation;

namespace Publishing.Messaging.Retry;

public enum FaultKind
{
    /// <summary>Can pass with time (a lock, a timeout, a database or broker away): retried for as long as it takes.</summary>
    Transient,

    /// <summary>Can never succeed (invalid, unreadable): to the error queue at once.</summary>
    Permanent,

    /// <summary>Neither known to pass nor known not to (most likely a bug): a few retries, then the error queue.</summary>
    Unclassified,
}

/// <summary>Which kind of fault a consumer's exception is; the whole chain of inner exceptions is looked at.</summary>
public static class FaultClassification
{
    // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_PROTOCOL
    private static readonly HashSet<int> SqliteTransient = [5, 6, 10, 13, 14, 15];

    // Timeouts, deadlocks, throttling and lost connections (the numbers EF Core's SQL Server retry strategy treats as transient).
    private static readonly HashSet<int> SqlServerTransient =
        [-2, 20, 64, 121, 233, 1205, 4060, 4221, 10053, 10054, 10060, 10928, 10929, 10936, 12015,
         40197, 40501, 40613, 41301, 41302, 41305, 41325, 41839, 49918, 49919, 49920];

    /// <summary>The kind of the outermost exception in the chain that has one (a wrapper says less than what it wraps).</summary>
    public static FaultKind Of(Exception exception) =>
        Chain(exception).Select(Single).FirstOrDefault(kind => kind is not null) ?? FaultKind.Unclassified;

    private static FaultKind? Single(Exception e) => e switch
    {
        InvalidEventException or System.Runtime.Serialization.SerializationException or JsonException => FaultKind.Permanent,
        SqliteException s => SqliteTransient.Contains(s.SqliteErrorCode) ? FaultKind.Transient : null,
        SqlException s => SqlServerTransient.Contains(s.Number) ? FaultKind.Transient : null,
        HttpRequestException h => h.StatusCode is null or >= HttpStatusCode.InternalServerError
            or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests ? FaultKind.Transient : null,
        TimeoutException or SocketException or IOException => FaultKind.Transient,
        MassTransit.ConnectionException or MassTransit.RequestTimeoutException or MassTransit.TransportUnavailableException => FaultKind.Transient,
        _ when e.GetType().Namespace?.StartsWith("RabbitMQ.Client", StringComparison.Ordinal) == true => FaultKind.Transient,
        _ => null,
    };

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        var pending = new Stack<Exception>();
        pending.Push(exception);
        var seen = 0;
        while (pending.Count > 0 && seen++ < 32)
        {
            var e = pending.Pop();
            yield return e;
            if (e is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions.Reverse()) pending.Push(inner);
            else if (e.InnerException is { } inner)
                pending.Push(inner);
        }
    }
}
