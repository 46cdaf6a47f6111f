using System.Collections.Concurrent;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Publishing.Messaging.Database;
using Publishing.Messaging.Inbox;
using Publishing.Messaging.Validation;

namespace Publishing.Messaging.Tests;

public sealed record NoteAdded(Guid NoteId, string Text);

public sealed class Note
{
    public Guid Id { get; set; }
    public required string Text { get; set; }
}

/// <summary>One row per time a consumer applied a note: more than one for a note is a double effect.</summary>
public sealed class Effect
{
    public long Id { get; set; }
    public Guid NoteId { get; set; }
}

public class TestDbContext(DbContextOptions<TestDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Note> Notes => Set<Note>();
    public DbSet<Effect> Effects => Set<Effect>();

    protected override void OnModelCreating(ModelBuilder model) => model.AddOutboxAndInbox();
}

/// <summary>Applies a note once; a note whose text starts with <see cref="Bug"/> throws as a bug would.</summary>
public sealed class ApplyNoteConsumer(TestDbContext db, ILogger<ApplyNoteConsumer> log)
    : InboxConsumer<TestDbContext>(db, log), IConsumer<NoteAdded>
{
    public const string Bug = "bug:";

    /// <summary>Notes whose bug has been fixed: applied now even though their text starts with <see cref="Bug"/>.</summary>
    public static readonly ConcurrentDictionary<Guid, bool> Fixed = new();

    /// <summary>How many times a note was tried, failed attempts included.</summary>
    public static readonly ConcurrentDictionary<Guid, int> Attempts = new();

    public Task Consume(ConsumeContext<NoteAdded> context)
    {
        Attempts.AddOrUpdate(context.Message.NoteId, 1, (_, n) => n + 1);
        if (context.Message.Text.StartsWith(Bug, StringComparison.Ordinal) && !Fixed.ContainsKey(context.Message.NoteId))
            throw new InvalidOperationException("A bug in the consumer.");
        return Once(context, _ =>
        {
            Db.Effects.Add(new Effect { NoteId = context.Message.NoteId });
            return Task.CompletedTask;
        });
    }
}

/// <summary>A note must have text; counts every check, so a test sees how often a refused note was tried.</summary>
public sealed class NoteAddedRules : IEventRules<NoteAdded>
{
    public static readonly ConcurrentDictionary<Guid, int> Checks = new();

    public void Check(NoteAdded message, EventProblems problems)
    {
        Checks.AddOrUpdate(message.NoteId, 1, (_, n) => n + 1);
        problems.Required("text", message.Text, 1000);
    }
}
