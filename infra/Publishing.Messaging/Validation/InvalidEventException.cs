namespace Publishing.Messaging.Validation;

/// <summary>
/// A received event breaks its type's rules (<see cref="IEventRules{T}"/>). Retrying cannot help, so
/// the endpoint's retry policy lets it through and the message goes to the error queue at once, with
/// this message (every problem) in its fault headers.
/// </summary>
public sealed class InvalidEventException(Type eventType, IReadOnlyList<string> problems)
    : Exception($"{eventType.Name} refused: {string.Join("; ", problems)}.")
{
    public Type EventType { get; } = eventType;
    public IReadOnlyList<string> Problems { get; } = problems;
}
