using System.Runtime.CompilerServices;
using Publishing.Authoring.Data;
using Publishing.Authoring.Internal;
using Publishing.Contracts;
using Publishing.SearchIndexing.Rebuild;

namespace Publishing.Standalone;

/// <summary>
/// In the standalone host Authoring lives in the same process, so a search rebuild reads its
/// published revisions from Authoring's database directly: no HTTP call, no address to configure,
/// nothing a request could redirect.
/// </summary>
public sealed class InProcessPublishedRevisions(AuthoringDbContext db) : IPublishedRevisionSource
{
    public string? Unavailable => null;

    public async IAsyncEnumerable<IReadOnlyList<ContentPublished>> ReadAllAsync([EnumeratorCancellation] CancellationToken ct)
    {
        string? after = null;
        do
        {
            var page = await ListPublishedRevisions.ReadPageAsync(db, after, 200, ct);
            yield return page.Items;
            after = page.Next;
        }
        while (after is not null);
    }
}
