using MassTransit;

namespace Publishing.Messaging.Validation;

/// <summary>
/// Checks every received message against its type's rules before the consumer runs, on every receive
/// endpoint; a message type without rules (a test's own) passes unchecked.
/// </summary>
public sealed class EventValidationFilter<T>(IEnumerable<IEventRules<T>> rules) : IFilter<ConsumeContext<T>>
    where T : class
{
    public Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        var problems = new EventProblems();
        foreach (var rule in rules) rule.Check(context.Message, problems);
        if (problems.Found.Count > 0) throw new InvalidEventException(typeof(T), problems.Found);
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("event-validation");
}
