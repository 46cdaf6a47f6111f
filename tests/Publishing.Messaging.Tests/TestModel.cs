using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Publishing.Messaging.Database;
using Publishing.Messaging.Inbox;

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

public sealed class ApplyNoteConsumer(TestDbContext db, ILogger<ApplyNoteConsumer> log)
    : InboxConsumer<TestDbContext>(db, log), IConsumer<NoteAdded>
{
    public Task Consume(ConsumeContext<NoteAdded> context) => Once(context, _ =>
    {
        Db.Effects.Add(new Effect { NoteId = context.Message.NoteId });
        return Task.CompletedTask;
    });
}
