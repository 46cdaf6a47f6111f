using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Publishing.Authoring.Content;
using Publishing.Authoring.Content.Diff;
using Publishing.Authoring.Content.Model;
using Publishing.Authoring.Data;
using Publishing.Authoring.ReviewOutcomes;
using Publishing.Contracts;
using Publishing.Messaging.Inbox;
using Publishing.Messaging.Outbox;

namespace Publishing.Authoring.Seed;

/// <summary>
/// Loads the sample content the first time the service starts. Each item is published through the
/// outbox like any publication, so every other service receives it, but its sign-off is marked as
/// what it is: sample data, by reviewers named as samples, never a clinical review
/// (<see cref="Submission.Sample"/>, which travels as <see cref="ContentPublished.Sample"/>). A seed
/// file may also say the item was later withdrawn (olaratumab: its EU licence was revoked in 2019);
/// that withdrawal goes through the normal withdrawal path once the publication has been relayed,
/// so the item's history, the change feed and subscribers see both steps. Items that already exist
/// are left alone, except that a withdrawal a previous start did not get to is carried out.
/// </summary>
public sealed class SampleContentSeeder(
    IServiceScopeFactory scopes, IOptions<SampleContentOptions> options, TimeProvider clock, ILogger<SampleContentSeeder> log)
    : IHostedService
{
    public static readonly IReadOnlyList<(string Id, string Name, string Qualification)> SampleReviewers =
    [
        ("sample-reviewer-pharmacist", "Sample reviewer 1", "Clinical pharmacist"),
        ("sample-reviewer-oncologist", "Sample reviewer 2", "Consultant medical oncologist"),
    ];

    public const string SampleApprovalComment =
        "Sample data: no clinician reviewed this. The sign-off was recorded automatically when the sample content was loaded.";

    // Consumers in other services apply a publication moments after the broker takes it. A withdrawal
    // relayed in the same instant may reach one of them first; that is handled (the withdrawal wins),
    // but that consumer's history would then lack the publication the sample is meant to show.
    private static readonly TimeSpan SettleAfterRelay = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxWaitForRelay = TimeSpan.FromMinutes(2);

    private readonly CancellationTokenSource _stopping = new();
    private Task _withdrawals = Task.CompletedTask;

    private sealed record SeedWithdrawal(string Reason);

    private sealed record SeedFile(string Type, string Slug, string Title, JsonElement Fields, SeedWithdrawal? Withdrawal = null);

    public async Task StartAsync(CancellationToken ct)
    {
        if (!options.Value.Enabled) return;
        var folder = options.Value.Directory ?? Path.Combine(AppContext.BaseDirectory, "Seed");
        if (!System.IO.Directory.Exists(folder))
        {
            log.LogWarning("Seed:Enabled is true but the folder {Folder} does not exist; nothing seeded", folder);
            return;
        }

        var withdrawals = new List<(string Slug, string Reason)>();
        foreach (var file in System.IO.Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var seed = JsonSerializer.Deserialize<SeedFile>(await File.ReadAllTextAsync(file, ct), JsonSerializerOptions.Web)
                ?? throw new InvalidOperationException($"{file} is empty.");
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AuthoringDbContext>();
            if (await db.Content.AnyAsync(c => c.Slug == seed.Slug, ct))
            {
                if (seed.Withdrawal is { } pending && await StillPublishedAsSampleAsync(db, seed.Slug, ct))
                    withdrawals.Add((seed.Slug, pending.Reason));
                continue;
            }
            var fields = ContentFields.Validate(seed.Type, seed.Fields, clock);
            if (!fields.IsValid)
                throw new InvalidOperationException(
                    $"Sample file {Path.GetFileName(file)} is invalid: {string.Join("; ", fields.Errors!.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
            Stage(db, scope.ServiceProvider.GetRequiredService<Publication>(), seed with { Fields = fields.Normalized!.Value });
            try
            {
                await db.SaveChangesAsync(ct);
                log.LogInformation("Seeded {Slug}", seed.Slug);
                if (seed.Withdrawal is { } withdrawal) withdrawals.Add((seed.Slug, withdrawal.Reason));
            }
            catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
            {
                // Another instance seeded it first.
            }
        }

        // Not awaited: the outbox relay that must send the publications first starts after this service.
        if (withdrawals.Count > 0)
        {
            var seededAt = clock.GetUtcNow();
            _withdrawals = Task.Run(() => WithdrawAfterRelayAsync(withdrawals, seededAt, _stopping.Token), CancellationToken.None);
        }
    }

    private void Stage(AuthoringDbContext db, Publication publication, SeedFile seed)
    {
        var now = clock.GetUtcNow();
        var item = new ContentItem
        {
            Id = Guid.NewGuid(), Slug = seed.Slug, Type = seed.Type, Status = ContentStatus.InReview,
            CurrentRevision = 1, CreatedAt = now,
        };
        var revision = new ContentRevision
        {
            ContentId = item.Id, Number = 1, Title = seed.Title, Fields = seed.Fields.GetRawText(),
            AuthorId = "sample-editor", AuthorName = "Sample content", SavedAt = now,
        };
        var changeClass = ChangeClassification.Classify(ContentDiff.Compute(seed.Type, null, seed.Fields));
        var submission = new Submission
        {
            Id = Guid.NewGuid(), ContentId = item.Id, Revision = 1, ChangeClass = changeClass,
            RequiredApprovals = ChangeClasses.RequiredApprovals(changeClass), Reason = "new-evidence",
            ChangeSummary = "Sample content loaded on first start; its sign-off is sample data, not a clinical review.",
            SubmittedById = revision.AuthorId, SubmittedByName = revision.AuthorName, SubmittedAt = now,
            Status = SubmissionStatus.Pending, Sample = true,
        };
        item.Revisions.Add(revision);
        db.Content.Add(item);
        db.Submissions.Add(submission);
        db.Record(item, 1, "created", revision.AuthorId, revision.AuthorName, "Sample content", now);

        var approvals = SampleReviewers.Take(submission.RequiredApprovals)
            .Select(r => new Approval(r.Id, r.Name, r.Qualification, SampleApprovalComment, true, now))
            .ToList();
        publication.Publish(db, item, revision, submission, approvals, now);
    }

    private static Task<bool> StillPublishedAsSampleAsync(AuthoringDbContext db, string slug, CancellationToken ct) =>
        db.Content.AnyAsync(c => c.Slug == slug && c.PublishedRevision != null
            && db.Submissions.Any(s => s.ContentId == c.Id && s.Revision == c.PublishedRevision && s.Status == SubmissionStatus.Approved && s.Sample), ct);

    private async Task WithdrawAfterRelayAsync(IReadOnlyList<(string Slug, string Reason)> withdrawals, DateTimeOffset seededAt, CancellationToken ct)
    {
        try
        {
            await WaitForPublicationsToBeRelayedAsync(seededAt, ct);
            await Task.Delay(SettleAfterRelay, clock, ct);
            foreach (var (slug, reason) in withdrawals) await WithdrawAsync(slug, reason, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping; the next start carries the withdrawal out.
        }
        catch (Exception ex)
        {
            log.LogError(ex, "Withdrawing sample content failed; the next start tries again");
        }
    }

    private async Task WaitForPublicationsToBeRelayedAsync(DateTimeOffset seededAt, CancellationToken ct)
    {
        var deadline = clock.GetUtcNow() + MaxWaitForRelay;
        while (clock.GetUtcNow() < deadline)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AuthoringDbContext>();
            if (!await db.Set<OutboxMessage>().AnyAsync(m => m.SentAt == null && m.CreatedAt <= seededAt, ct)) return;
            await Task.Delay(TimeSpan.FromMilliseconds(250), clock, ct);
        }
        log.LogWarning("The sample publications were not relayed within {Wait}; withdrawing anyway", MaxWaitForRelay);
    }

    /// <summary>Through the same handler as <c>POST /api/content/{slug}/withdrawal</c>, by a sample reviewer.</summary>
    private async Task WithdrawAsync(string slug, string reason, CancellationToken ct)
    {
        var (id, name, qualification) = SampleReviewers[^1];
        var reviewer = new ClaimsPrincipal(new ClaimsIdentity(
            [new("sub", id), new("name", name), new("role", "reviewer"), new("qualification", qualification)], "sample-content"));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthoringDbContext>();
        var result = await WithdrawContent.Handle(slug, new WithdrawRequest(reason), reviewer, db, clock, ct);
        if (result.Result is ProblemHttpResult problem)
            log.LogWarning("Sample item {Slug} was not withdrawn: {Problem}", slug, problem.ProblemDetails.Detail);
        else
            log.LogInformation("Withdrew sample item {Slug}", slug);
    }

    public async Task StopAsync(CancellationToken ct)
    {
        await _stopping.CancelAsync();
        await _withdrawals.WaitAsync(ct);
    }
}
