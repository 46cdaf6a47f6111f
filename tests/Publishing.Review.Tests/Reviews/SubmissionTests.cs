using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Publishing.Contracts;
using Publishing.Review.Tests.Api;
using Publishing.Testing;
using Xunit;

namespace Publishing.Review.Tests.Reviews;

public sealed class SubmissionTests(ReviewApi api) : IClassFixture<ReviewApi>
{
    [Fact]
    public async Task A_newer_submission_supersedes_the_open_review_of_the_same_item()
    {
        var contentId = Guid.NewGuid();
        var slug = Events.Slug("sunitinib");
        var older = await api.SubmitAsync(Events.Submission(slug, "clinical", revision: 2, contentId: contentId));
        var newer = await api.SubmitAsync(Events.Submission(slug, "clinical", revision: 3, contentId: contentId));
        var reviewer = await api.ClientAsAsync("pharmacist-1", "reviewer", Reviewers.Pharmacist);

        var review = await reviewer.GetFromJsonAsync<JsonElement>($"/api/reviews/{older}");
        Assert.Equal("superseded", review.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await reviewer.ApproveAsync(older)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.ApproveAsync(newer)).StatusCode);
    }

    [Fact]
    public async Task A_redelivered_submission_opens_one_review()
    {
        var submission = Events.Submission(Events.Slug("pazopanib"), "clinical");
        var messageId = Guid.NewGuid();
        var bus = api.Services.GetRequiredService<IBus>();
        var consumed = new ConsumedCounter(messageId);
        using var handle = bus.ConnectConsumeMessageObserver(consumed);

        await bus.Publish(submission, c => c.MessageId = messageId);
        await bus.Publish(submission, c => c.MessageId = messageId);
        await Eventually.Until(() => Task.FromResult(consumed.Count == 2), what: "both deliveries to be consumed");

        var tasks = await api.WithDb(db => db.Reviews.CountAsync(t => t.Slug == submission.Slug));
        Assert.Equal(1, tasks);
    }

    /// <summary>Counts finished consumptions of one message id, duplicates included (they finish without effect).</summary>
    private sealed class ConsumedCounter(Guid messageId) : IConsumeMessageObserver<ContentSubmittedForReview>
    {
        private int _count;
        public int Count => Volatile.Read(ref _count);

        public Task PreConsume(ConsumeContext<ContentSubmittedForReview> context) => Task.CompletedTask;

        public Task PostConsume(ConsumeContext<ContentSubmittedForReview> context)
        {
            if (context.MessageId == messageId) Interlocked.Increment(ref _count);
            return Task.CompletedTask;
        }

        public Task ConsumeFault(ConsumeContext<ContentSubmittedForReview> context, Exception exception) => Task.CompletedTask;
    }
}
