using Microsoft.EntityFrameworkCore;
using Publishing.Review.Data;
using Publishing.Review.Tests.Api;
using Xunit;

namespace Publishing.Review.Tests.Published;

/// <summary>Review's view of what is published: per slug, the newest revision wins; dates only move forward.</summary>
public sealed class ReadModelTests(ReviewApi api) : IClassFixture<ReviewApi>
{
    private static readonly DateTimeOffset Reviewed = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private Task<PublishedItem> HeldAsync(string slug) =>
        api.WithDb(db => db.PublishedItems.AsNoTracking().SingleAsync(i => i.Slug == slug));

    [Fact]
    public async Task A_late_older_publication_is_ignored()
    {
        var (id, slug) = (Guid.NewGuid(), Events.Slug("sunitinib"));
        await api.PublishAndWaitAsync(Events.Published(id, slug, 3, Reviewed, Reviewed.AddYears(3)), "RecordPublishedConsumer");
        await api.PublishAndWaitAsync(Events.Published(id, slug, 2, Reviewed.AddYears(-1), Reviewed.AddYears(2)), "RecordPublishedConsumer");

        var held = await HeldAsync(slug);
        Assert.Equal((3, Reviewed.AddYears(3)), (held.Revision, held.NextReviewDue));
    }

    [Fact]
    public async Task A_withdrawal_survives_a_late_publication_of_the_same_revision_and_a_newer_one_republishes()
    {
        var (id, slug) = (Guid.NewGuid(), Events.Slug("olaratumab"));
        await api.PublishAndWaitAsync(Events.Withdrawn(id, slug, 2), "RecordWithdrawnConsumer");
        await api.PublishAndWaitAsync(Events.Published(id, slug, 2, Reviewed, Reviewed.AddYears(3)), "RecordPublishedConsumer");
        Assert.True((await HeldAsync(slug)).Withdrawn);

        await api.PublishAndWaitAsync(Events.Published(id, slug, 3, Reviewed, Reviewed.AddYears(3)), "RecordPublishedConsumer");
        var held = await HeldAsync(slug);
        Assert.Equal((3, false), (held.Revision, held.Withdrawn));
    }

    [Fact]
    public async Task A_confirmation_moves_the_dates_of_the_held_revision_forward_only()
    {
        var (id, slug) = (Guid.NewGuid(), Events.Slug("imatinib"));
        await api.PublishAndWaitAsync(Events.Published(id, slug, 2, Reviewed, Reviewed.AddYears(3)), "RecordPublishedConsumer");

        var later = Reviewed.AddMonths(6);
        await api.PublishAndWaitAsync(Events.Confirmed(id, slug, 2, later, later.AddYears(3)), "RecordReviewConfirmedConsumer");
        await api.PublishAndWaitAsync(Events.Confirmed(id, slug, 2, Reviewed.AddMonths(1), Reviewed.AddMonths(1).AddYears(3)), "RecordReviewConfirmedConsumer");
        await api.PublishAndWaitAsync(Events.Confirmed(id, slug, 1, later.AddDays(1), later.AddYears(4)), "RecordReviewConfirmedConsumer");

        var held = await HeldAsync(slug);
        Assert.Equal((2, later, later.AddYears(3)), (held.Revision, held.LastReviewed, held.NextReviewDue));
    }
}
