namespace Publishing.Contracts;

/// <summary>Implemented by every content event so a consumer can take the whole family.</summary>
public interface IContentChanged
{
    Guid ContentId { get; }
    string Slug { get; }
    int Revision { get; }
    DateTimeOffset OccurredAt { get; }
}
