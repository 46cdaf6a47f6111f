using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Publishing.Testing;
using Xunit;

namespace Publishing.EndToEnd.Tests;

/// <summary>One trace follows a change from the editor's request, through the outbox, to the next service.</summary>
[Collection(RabbitMqFixture.Collection)]
public sealed class TracingTests(RabbitMqFixture rabbit) : IDisposable
{
    private const string TestSource = "Publishing.EndToEnd.Tests";
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task The_consumer_in_another_service_continues_the_trace_of_the_request_that_caused_the_event()
    {
        var consumed = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "MassTransit" or TestSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { if (a.Kind == ActivityKind.Consumer) consumed.Add(a); },
        };
        ActivitySource.AddActivityListener(listener);
        await using var cluster = await Cluster.StartAsync(await rabbit.CreateVirtualHostAsync(), _data);

        var editor = await cluster.Authoring.ClientAsAsync("editor-1", "editor");
        var created = await editor.PostAsJsonAsync("/api/content",
            new { type = "article", slug = "traced-article", title = "Traced", fields = Workflow.ArticleFields("Traced") });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        // The editor's action starts the trace; HttpClient sends it as traceparent.
        using var source = new ActivitySource(TestSource);
        ActivityTraceId traceId;
        using (var action = source.StartActivity("editor submits", ActivityKind.Client)!)
        {
            traceId = action.TraceId;
            var submitted = await editor.PostAsJsonAsync("/api/content/traced-article/submissions",
                new { changeSummary = "First version", reason = "editorial" });
            Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        }

        await Eventually.Until(() => Task.FromResult(consumed.Any(a => a.TraceId == traceId)),
            what: "a consume activity in the Review service carrying the request's trace id");
    }

    public void Dispose() => _data.Dispose();
}
