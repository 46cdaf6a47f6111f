namespace Publishing.Messaging.Validation;

/// <summary>
/// The rules a received <typeparamref name="T"/> must meet before any consumer acts on it: required
/// members present, sizes within what every consumer stores. One implementation per event type, in
/// <c>Validation/Rules/</c>, named after it; <see cref="EventValidationFilter{T}"/> applies it on every
/// receive endpoint, and an event that breaks it goes to the error queue at once and changes nothing.
/// </summary>
public interface IEventRules<in T> where T : class
{
    void Check(T message, EventProblems problems);
}
