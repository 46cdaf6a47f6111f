using System.Text;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Directory = System.IO.Directory;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Publishing.SearchIndexing.LuceneIndex;

/// <summary>
/// The index's generations on disk (one folder each, the <c>current</c> file naming the live one) and rebuilding
/// into a new generation while the live one keeps answering and receiving changes.
/// </summary>
public sealed partial class LuceneSearchIndex
{
    public ISearchIndexBuilder BeginRebuild()
    {
        _writeLock.Wait();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_builder is not null) throw new InvalidOperationException("A rebuild is already in progress.");
            var name = GenerationName(NextGenerationNumber());
            TryDeleteDirectory(Path.Combine(_root, name));
            var generation = OpenGeneration(name, OpenMode.CREATE, withSearcher: false);
            _builder = new Builder(this, generation);
            return _builder;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    // ---- generations on disk ---------------------------------------------------------------

    private static (string Slug, Document Doc) ToLucene(SearchDocument d)
    {
        if (string.IsNullOrWhiteSpace(d.Slug)) throw new ArgumentException("A search document needs a slug.");
        if (string.IsNullOrWhiteSpace(d.Type)) throw new ArgumentException($"Search document '{d.Slug}' needs a type.");
        return (d.Slug, SearchSchema.ToLucene(d));
    }

    private Generation OpenGeneration(string name, OpenMode mode, bool withSearcher = true)
    {
        var path = Path.Combine(_root, name);
        Directory.CreateDirectory(path);
        LuceneDirectory directory = FSDirectory.Open(new DirectoryInfo(path));
        IndexWriter? writer = null;
        try
        {
            writer = new IndexWriter(directory, new IndexWriterConfig(SearchSchema.Version, _analyzer)
            {
                OpenMode = mode,
                RAMBufferSizeMB = 64,
            });
            // A new index is written in today's format; an existing one says which format it was written in.
            if (mode == OpenMode.CREATE) writer.SetCommitData(new Dictionary<string, string> { [SearchSchema.FormatKey] = SearchSchema.Format });
            var current = writer.CommitData.TryGetValue(SearchSchema.FormatKey, out var format) && format == SearchSchema.Format;
            writer.Commit(); // a fresh index must exist on disk before anything points at it
            var manager = withSearcher ? NewSearcherManager(writer) : null;
            return new Generation(name, path, directory, writer, manager, current);
        }
        catch
        {
            writer?.Dispose();
            directory.Dispose();
            throw;
        }
    }

    private static SearcherManager NewSearcherManager(IndexWriter writer) => new(writer, true, new WarmingSearcherFactory());

    /// <summary>Loads the facet arrays of new segments when a searcher is opened, not in the first search that needs them.</summary>
    private sealed class WarmingSearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader)
        {
            FacetOrdinals.Warm(reader, SearchSchema.FacetFields);
            return base.NewSearcher(reader);
        }
    }

    private string? ReadPointer()
    {
        var file = Path.Combine(_root, PointerFile);
        if (!File.Exists(file)) return null;
        var name = File.ReadAllText(file).Trim();
        return name.StartsWith(GenerationPrefix, StringComparison.Ordinal) && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0 ? name : null;
    }

    /// <summary>Durably replaces the pointer: write a temporary file, flush it to disk, rename over the old one.</summary>
    private void WritePointer(string name)
    {
        var file = Path.Combine(_root, PointerFile);
        var temp = file + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
        {
            stream.Write(Encoding.UTF8.GetBytes(name));
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, file, overwrite: true);
    }

    private int NextGenerationNumber()
    {
        var highest = Directory.EnumerateDirectories(_root, GenerationPrefix + "*")
            .Select(d => int.TryParse(Path.GetFileName(d)[GenerationPrefix.Length..], out var n) ? n : 0)
            .DefaultIfEmpty(0)
            .Max();
        var live = _live?.Name is { } current && int.TryParse(current[GenerationPrefix.Length..], out var l) ? l : 0;
        return Math.Max(highest, live) + 1;
    }

    private static string GenerationName(int number) => $"{GenerationPrefix}{number:D6}";

    private static void TryDeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Still open somewhere (Windows); removed at the next start.
        }
    }

    // ---- rebuild ---------------------------------------------------------------------------

    private async Task SwapInAsync(Builder builder, CancellationToken ct)
    {
        Generation old;
        await _writeLock.WaitAsync(ct);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!ReferenceEquals(_builder, builder)) throw new InvalidOperationException("This rebuild is no longer open.");

            var fresh = builder.Generation;
            fresh.Writer.Commit();
            var manager = NewSearcherManager(fresh.Writer);
            try
            {
                WritePointer(fresh.Name); // the point of no return: a restart opens the new generation
            }
            catch
            {
                manager.Dispose();
                throw;
            }
            builder.Close();
            _builder = null;
            lock (_swapGate)
            {
                old = _live;
                _live = fresh with { Searchers = manager };
            }
        }
        finally
        {
            _writeLock.Release();
        }

        // Searches still holding the old searcher keep working: their reader is reference counted.
        old.Dispose();
        TryDeleteDirectory(old.Path);
    }

    private void Abandon(Builder builder)
    {
        _writeLock.Wait();
        try
        {
            if (!ReferenceEquals(_builder, builder)) return;
            builder.Close();
            _builder = null;
            builder.Generation.Rollback();
            TryDeleteDirectory(builder.Generation.Path);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <param name="Current">Written in today's <see cref="SearchSchema.Format"/> (has the word-pair fields).</param>
    private sealed record Generation(string Name, string Path, LuceneDirectory Directory, IndexWriter Writer, SearcherManager? Searchers, bool Current) : IDisposable
    {
        /// <summary>Null only while the generation is a rebuild not yet swapped in.</summary>
        public SearcherManager Manager => Searchers ?? throw new InvalidOperationException("This index generation is not searchable yet.");

        public void Dispose()
        {
            Searchers?.Dispose();
            Writer.Dispose();
            Directory.Dispose();
        }

        /// <summary>Closes without committing what was not committed.</summary>
        public void Rollback()
        {
            Searchers?.Dispose();
            Writer.Rollback();
            Directory.Dispose();
        }
    }

    private sealed class Builder(LuceneSearchIndex owner, Generation generation) : ISearchIndexBuilder
    {
        private readonly object _gate = new();
        private readonly HashSet<string> _writtenLive = new(StringComparer.Ordinal);
        private bool _closed;

        public Generation Generation { get; } = generation;

        public Task AddAsync(IReadOnlyCollection<SearchDocument> batch, CancellationToken ct = default)
        {
            ArgumentNullException.ThrowIfNull(batch);
            ct.ThrowIfCancellationRequested();
            var documents = batch.Select(ToLucene).ToList();
            lock (_gate)
            {
                if (_closed) throw new InvalidOperationException("This rebuild is no longer open.");
                foreach (var (slug, doc) in documents)
                {
                    // What the live path wrote since the rebuild began is newer than any snapshot being replayed here.
                    if (_writtenLive.Contains(slug)) continue;
                    Generation.Writer.UpdateDocument(new Term(SearchSchema.Slug, slug), doc);
                }
            }
            return Task.CompletedTask;
        }

        /// <summary>Called by the live path, under the index's write lock.</summary>
        public void Mirror(IReadOnlyList<(string Slug, Document Doc)> upserts, IReadOnlyCollection<string> deletes)
        {
            lock (_gate)
            {
                if (_closed) return;
                foreach (var (slug, doc) in upserts)
                {
                    Generation.Writer.UpdateDocument(new Term(SearchSchema.Slug, slug), doc);
                    _writtenLive.Add(slug);
                }
                foreach (var slug in deletes)
                {
                    Generation.Writer.DeleteDocuments(new Term(SearchSchema.Slug, slug));
                    _writtenLive.Add(slug);
                }
            }
        }

        public void Close()
        {
            lock (_gate) _closed = true;
        }

        public Task SwapInAsync(CancellationToken ct = default) => owner.SwapInAsync(this, ct);

        public void Abandon() => owner.Abandon(this);

        public void Dispose() => owner.Abandon(this);
    }
}
