using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Publishing.Messaging.Retry;
using Publishing.Messaging.Validation;
using Xunit;

namespace Publishing.Messaging.Tests;

/// <summary>Which failures are waited out, which are parked at once, and which get a few tries.</summary>
public sealed class FaultClassificationTests
{
    public static TheoryData<string, Exception, FaultKind> Faults => new()
    {
        { "a locked SQLite database", new SqliteException("database is locked", 5), FaultKind.Transient },
        { "a locked database under EF's save", new DbUpdateException("save failed", new SqliteException("database is locked", 5)), FaultKind.Transient },
        { "a full disk", new SqliteException("database or disk is full", 13), FaultKind.Transient },
        { "a service answering 503", new HttpRequestException("unavailable", null, HttpStatusCode.ServiceUnavailable), FaultKind.Transient },
        { "a service not answering", new HttpRequestException("connection refused"), FaultKind.Transient },
        { "an HTTP timeout", new TaskCanceledException("timed out", new TimeoutException()), FaultKind.Transient },
        { "a timeout", new TimeoutException(), FaultKind.Transient },
        { "an invalid event", new InvalidEventException(typeof(object), ["title is missing"]), FaultKind.Permanent },
        { "an unreadable body", new System.Text.Json.JsonException("bad json"), FaultKind.Permanent },
        { "an unreadable body under a wrapper", new InvalidOperationException("x", new System.Runtime.Serialization.SerializationException()), FaultKind.Permanent },
        { "a constraint violation", new DbUpdateException("save failed", new SqliteException("UNIQUE constraint failed", 19)), FaultKind.Unclassified },
        { "a service answering 400", new HttpRequestException("bad request", null, HttpStatusCode.BadRequest), FaultKind.Unclassified },
        { "a bug", new NullReferenceException(), FaultKind.Unclassified },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void A_fault_is_classified(string what, Exception fault, FaultKind kind) =>
        Assert.True(FaultClassification.Of(fault) == kind, $"{what}: {FaultClassification.Of(fault)}, expected {kind}");

    [Fact]
    public void A_transient_fault_is_retried_without_limit_with_waits_doubling_up_to_the_cap()
    {
        var policy = new ConsumerRetryPolicy(new ConsumerRetryOptions
            { FirstInterval = TimeSpan.FromSeconds(1), MaxInterval = TimeSpan.FromSeconds(60), UnclassifiedRetries = 5 });
        var locked = new SqliteException("database is locked", 5);

        Assert.True(policy.CanRetry(locked, failures: 100_000));
        Assert.InRange(policy.Interval(0), TimeSpan.FromSeconds(0.8), TimeSpan.FromSeconds(1.2));
        Assert.InRange(policy.Interval(3), TimeSpan.FromSeconds(6.4), TimeSpan.FromSeconds(9.6));
        Assert.InRange(policy.Interval(10_000), TimeSpan.FromSeconds(48), TimeSpan.FromSeconds(72));
        Assert.True(policy.CanRetry(new NullReferenceException(), failures: 5));
        Assert.False(policy.CanRetry(new NullReferenceException(), failures: 6));
        Assert.False(policy.CanRetry(new InvalidEventException(typeof(object), ["x"]), failures: 1));
    }
}
