using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Publishing.Messaging.Outbox;
using Publishing.Testing;
using Xunit;

namespace Publishing.Messaging.Tests;

/// <summary>
/// Sent rows stay in the outbox for days. The relay must find the few unsent ones through an index,
/// or every batch walks the whole history and the relay slows down the longer a service runs.
/// Each statement the relay really ran is planned again by SQLite with EXPLAIN QUERY PLAN.
/// </summary>
public sealed class OutboxQueryPlanTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task The_relay_reads_only_unsent_rows_however_much_history_the_outbox_holds()
    {
        var log = new CommandLog();
        await using var producer = await Producer.CreateAsync(_data.Path, new OutboxOptions { BatchSize = 50 }, log);
        await producer.AddNotesAsync(200);
        var relay = producer.Relay(new RecordingPublisher());
        while (await relay.RelayBatchAsync(CancellationToken.None) > 0) { }
        await producer.AddNotesAsync(3);

        log.Clear();
        Assert.Equal(3, await relay.RelayBatchAsync(CancellationToken.None));
        await relay.DeleteSentAsync(CancellationToken.None);

        var statements = log.Commands.Where(c => c.Text.Contains("OutboxMessages", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, statements.Count); // claim, read the claimed rows, mark them sent, delete old history
        foreach (var statement in statements)
        {
            var plan = await ExplainAsync(producer.Folder, statement);
            Assert.False(plan.Any(step => Walks(statement, step)), $"{statement.Text}\nis planned as:\n{string.Join('\n', plan)}");
        }
    }

    // Only the claim walks rows, and only the unsent ones in order, stopping at its LIMIT. Every
    // other statement goes straight to its rows: reading a claim back by walking the unsent rows
    // would cost a batch as much as the whole backlog after an outage.
    // (EF names the table "o" in its statements; every statement here reads only the outbox.)
    private static bool Walks(Statement statement, string step) =>
        step.StartsWith("SCAN ", StringComparison.Ordinal)
        && !(statement.Text.Contains("LIMIT", StringComparison.Ordinal) && step.Contains("IX_OutboxMessages_Unsent", StringComparison.Ordinal));

    private static async Task<List<string>> ExplainAsync(string folder, Statement statement)
    {
        await using var connection = new SqliteConnection(Producer.ConnectionString(folder));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + statement.Text;
        foreach (var (name, value) in statement.Parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        var steps = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) steps.Add(reader.GetString(3));
        return steps;
    }

    public void Dispose() => _data.Dispose();

    private sealed record Statement(string Text, (string Name, object? Value)[] Parameters);

    private sealed class CommandLog : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<Statement> _commands = new();

        public IReadOnlyList<Statement> Commands => [.. _commands];

        public void Clear() => _commands.Clear();

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken ct = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }

        private void Record(DbCommand command) => _commands.Enqueue(new Statement(
            command.CommandText,
            [.. command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value))]));
    }
}
