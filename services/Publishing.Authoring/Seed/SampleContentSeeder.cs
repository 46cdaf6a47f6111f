using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Publishing.Authoring.Content;
using Publishing.Authoring.Content.Diff;
using Publishing.Authoring.Content.Model;
using Publishing.Authoring.Data;
using Publishing.Authoring.Publishing;
using Publishing.Contracts;
using Publishing.Messaging.Inbox;

namespace Publishing.Authoring.Seed;

/// <summary>
/// Loads the sample content, published and signed off by the sample reviewers, the first time the
/// service starts. Each item goes through the outbox like any publication, so every other service
/// (search, notifications) receives it. Items that already exist are left alone.
/// </summary>
public sealed class SampleContentSeeder(
    IServiceScopeFactory scopes, IOptions<SampleContentOptions> options, TimeProvider clock, ILogger<SampleContentSeeder> log)
    : IHostedService
{
    public static readonly IReadOnlyList<(string Id, string Name, string Qualification)> SampleReviewers =
    [
        ("sample-reviewer-pharmacist", "Aisha Rahman", "Clinical pharmacist"),
        ("sample-reviewer-oncologist", "Dr Owen Price", "Consultant medical oncologist"),
    ];

    private sealed record SeedFile(string Type, string Slug, string Title, JsonElement Fields);

    public async Task StartAsync(CancellationToken ct)
    {
        if (!options.Value.Enabled) return;
        var folder = options.Value.Directory ?? Path.Combine(AppContext.BaseDirectory, "Seed");
        if (!System.IO.Directory.Exists(folder))
        {
            log.LogWarning("Seed:Enabled is true but the folder {Folder} does not exist; nothing seeded", folder);
            return;
        }

        foreach (var file in System.IO.Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var seed = JsonSerializer.Deserialize<SeedFile>(await File.ReadAllTextAsync(file, ct), JsonSerializerOptions.Web)
                ?? throw new InvalidOperationException($"{file} is empty.");
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AuthoringDbContext>();
            if (await db.Content.AnyAsync(c => c.Slug == seed.Slug, ct)) continue;
            var fields = ContentFields.Validate(seed.Type, seed.Fields, clock);
            if (!fields.IsValid)
                throw new InvalidOperationException(
                    $"Sample file {Path.GetFileName(file)} is invalid: {string.Join("; ", fields.Errors!.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
            Stage(db, scope.ServiceProvider.GetRequiredService<Publication>(), seed with { Fields = fields.Normalized!.Value });
            try
            {
                await db.SaveChangesAsync(ct);
                log.LogInformation("Seeded {Slug}", seed.Slug);
            }
            catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
            {
                // Another instance seeded it first.
            }
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
        var changeClass = ContentDiff.Classify(ContentDiff.Compute(seed.Type, null, seed.Fields));
        var submission = new Submission
        {
            Id = Guid.NewGuid(), ContentId = item.Id, Revision = 1, ChangeClass = changeClass,
            RequiredApprovals = ChangeClasses.RequiredApprovals(changeClass), Reason = "new-evidence",
            ChangeSummary = "Sample content loaded on first start.", SubmittedById = revision.AuthorId,
            SubmittedByName = revision.AuthorName, SubmittedAt = now, Status = SubmissionStatus.Pending,
        };
        item.Revisions.Add(revision);
        db.Content.Add(item);
        db.Submissions.Add(submission);
        db.Record(item, 1, "created", revision.AuthorId, revision.AuthorName, "Sample content", now);

        var approvals = SampleReviewers.Take(submission.RequiredApprovals)
            .Select(r => new Approval(r.Id, r.Name, r.Qualification, "Sample sign-off", true, now))
            .ToList();
        publication.Publish(db, item, revision, submission, approvals, now);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
