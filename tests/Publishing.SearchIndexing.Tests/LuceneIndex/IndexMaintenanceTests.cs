using System.Collections.Concurrent;
using Publishing.SearchIndexing.LuceneIndex;
using Publishing.Testing;
using Xunit;

namespace Publishing.SearchIndexing.Tests.LuceneIndex;

public sealed class IndexMaintenanceTests
{
    /// <summary>A fixed set of queries whose answers a rebuilt index must reproduce.</summary>
    private static readonly SearchQuery[] QuerySet =
    [
        new("Glivec"), new("Sutent"), new("vomiting"), new("sarcoma"), new("GIST", PageSize: 50), new("\"blood pressure\""),
        new("tablet*"), new("liver OR heart"), new("diarrhoea tiredness"), new(""), new("", Type: "drug"),
        new("sarcoma", DrugClass: "tyrosine kinase inhibitor"), new("", Condition: "soft tissue sarcoma"),
        new("sick", Page: 2, PageSize: 2), new("zebrafish"), new("Lartruvo"),
    ];

    [Fact]
    public async Task An_upsert_replaces_the_older_revision()
    {
        using var index = await SeedCorpus.IndexedAsync();
        Assert.Contains("imatinib", index.Slugs(new("Scandinavian")));

        await index.Index.IndexAsync([SearchQueryTests.Drug("imatinib", "A new mechanism text about zebrafish.", revision: 2)], [], default);

        Assert.Equal(6, await index.Index.CountAsync());
        var hit = Assert.Single(index.Index.Search(new("zebrafish")).Hits);
        Assert.Equal(("imatinib", 2), (hit.Slug, hit.Revision));
        Assert.Empty(index.Slugs(new("Scandinavian")));
        Assert.Equal(2, index.Index.Search(new("imatinib")).Hits.Single(h => h.Slug == "imatinib").Revision);
    }

    [Fact]
    public async Task A_delete_removes_the_document()
    {
        using var index = await SeedCorpus.IndexedAsync();

        await index.Index.IndexAsync([], ["olaratumab", "never-indexed"], default);

        Assert.Equal(5, await index.Index.CountAsync());
        Assert.DoesNotContain("olaratumab", index.Slugs(new("Lartruvo")));
        Assert.DoesNotContain("olaratumab", index.Slugs(new("")));
        Assert.False(index.Index.Search(new("")).Facets.DrugClass.ContainsKey("monoclonal antibody"));
    }

    [Fact]
    public async Task A_slug_both_upserted_and_deleted_in_one_batch_ends_deleted()
    {
        using var index = await SeedCorpus.IndexedAsync();

        await index.Index.IndexAsync([SeedCorpus.Load("olaratumab", 2)], ["olaratumab"], default);

        Assert.DoesNotContain("olaratumab", index.Slugs(new("olaratumab")));
    }

    [Fact]
    public async Task The_index_survives_reopening()
    {
        using var index = await SeedCorpus.IndexedAsync();
        var before = QuerySet.Select(index.Slugs).ToList();

        index.Reopen();

        Assert.Equal(6, await index.Index.CountAsync());
        Assert.Equal(before, QuerySet.Select(index.Slugs).ToList());
    }

    [Fact]
    public async Task A_rebuild_swapped_in_answers_exactly_as_the_incremental_index_did()
    {
        using var index = new TempIndex();
        // Incrementally, in several batches, with a republication and a withdrawal along the way.
        await index.Index.IndexAsync(SeedCorpus.All().Take(3).ToList(), [], default);
        await index.Index.IndexAsync(SeedCorpus.All().Skip(3).ToList(), [], default);
        await index.Index.IndexAsync([SeedCorpus.Load("imatinib", 2)], [], default);
        await index.Index.IndexAsync([SearchQueryTests.Drug("ondansetron", "Helps with vomiting; zebrafish.")], [], default);
        await index.Index.IndexAsync([], ["ondansetron"], default);
        var incremental = QuerySet.Select(index.Slugs).ToList();
        var oldDirectory = index.Index.LiveDirectory;

        // Rebuilt from what is now published, in another order.
        using (var builder = index.Index.BeginRebuild())
        {
            var current = SeedCorpus.All().Select(d => d.Slug == "imatinib" ? SeedCorpus.Load("imatinib", 2) : d).Reverse().ToList();
            await builder.AddAsync(current.Take(2).ToList());
            await builder.AddAsync(current.Skip(2).ToList());
            // Nothing is visible before the swap.
            Assert.Equal(incremental, QuerySet.Select(index.Slugs).ToList());
            await builder.SwapInAsync();
        }

        Assert.NotEqual(oldDirectory, index.Index.LiveDirectory);
        Assert.False(Directory.Exists(oldDirectory));
        Assert.Equal(incremental, QuerySet.Select(index.Slugs).ToList());
        Assert.Equal(6, await index.Index.CountAsync());

        index.Reopen();
        Assert.Equal(incremental, QuerySet.Select(index.Slugs).ToList());
        Assert.Single(Directory.GetDirectories(index.Root));

        // The swapped-in index keeps taking updates.
        await index.Index.IndexAsync([SearchQueryTests.Drug("aprepitant", "Prevents vomiting.")], [], default);
        Assert.Contains("aprepitant", index.Slugs(new("vomit")));
    }

    [Fact]
    public async Task Changes_arriving_during_a_rebuild_are_not_lost()
    {
        using var index = await SeedCorpus.IndexedAsync();
        using var builder = index.Index.BeginRebuild();
        await builder.AddAsync(SeedCorpus.All().Take(2).ToList()); // imatinib r1, olaratumab r1

        // Live changes while the rebuild runs: one already fed to the builder, one yet to come, one new, one withdrawal.
        await index.Index.IndexAsync(
            [SearchQueryTests.Drug("imatinib", "Revised text about zebrafish.", 3), SearchQueryTests.Drug("sunitinib", "Revised text about axolotls.", 2),
             SearchQueryTests.Drug("aprepitant", "Prevents vomiting.")],
            ["pazopanib"], default);
        await builder.AddAsync(SeedCorpus.All().Skip(2).ToList()); // the snapshot still has pazopanib and sunitinib r1
        await builder.SwapInAsync();

        Assert.Equal(("imatinib", 3), index.Index.Search(new("zebrafish")).Hits.Select(h => (h.Slug, h.Revision)).Single());
        Assert.Equal(("sunitinib", 2), index.Index.Search(new("axolotls")).Hits.Select(h => (h.Slug, h.Revision)).Single());
        Assert.Contains("aprepitant", index.Slugs(new("vomit")));
        Assert.DoesNotContain("pazopanib", index.Slugs(new("", PageSize: 50)));
        Assert.Equal(6, await index.Index.CountAsync());
    }

    [Fact]
    public async Task An_abandoned_rebuild_leaves_the_live_index_alone()
    {
        using var index = await SeedCorpus.IndexedAsync();
        var live = index.Index.LiveDirectory;

        var builder = index.Index.BeginRebuild();
        await builder.AddAsync([SeedCorpus.Load("imatinib")]);
        builder.Abandon();
        builder.Dispose();

        Assert.Equal(live, index.Index.LiveDirectory);
        Assert.Equal(6, await index.Index.CountAsync());
        Assert.Single(Directory.GetDirectories(index.Root));
        await Assert.ThrowsAsync<InvalidOperationException>(() => builder.SwapInAsync());

        // And a new rebuild can start.
        using var again = index.Index.BeginRebuild();
        Assert.Throws<InvalidOperationException>(() => index.Index.BeginRebuild());
    }

    [Fact]
    public async Task Concurrent_searches_during_indexing_and_a_swap_do_not_throw_nor_miss_an_entry_that_was_there_all_along()
    {
        using var index = await SeedCorpus.IndexedAsync();
        using var stop = new CancellationTokenSource();
        var queries = QuerySet.Where(q => q.Page == 1).ToArray();
        // The seed entries stay in the index throughout (the rebuild loads them again) and an added entry
        // never takes a match away: no search may count fewer matches than the seed alone gives it.
        var seedTotals = queries.Select(q => index.Index.Search(q).Total).ToArray();
        Assert.True(seedTotals.Count(t => t > 0) > queries.Length / 2, "most queries should match some of the seed");
        var misses = new ConcurrentQueue<string>();
        var searches = 0;

        var searchers = Enumerable.Range(0, 6).Select(n => Task.Run(() =>
        {
            var i = n;
            while (!stop.IsCancellationRequested)
            {
                var q = i++ % queries.Length;
                var total = index.Index.Search(queries[q]).Total;
                if (total < seedTotals[q]) misses.Enqueue($"'{queries[q].Q}' counted {total}, the seed alone {seedTotals[q]}");
                Interlocked.Increment(ref searches);
            }
        })).ToList();

        for (var batch = 0; batch < 30; batch++)
        {
            var docs = Enumerable.Range(0, 20)
                .Select(i => SearchQueryTests.Drug($"extra-{batch}-{i}", $"Generated entry {i} about vomiting and sarcoma."))
                .ToList();
            await index.Index.IndexAsync(docs, batch > 0 ? [$"extra-{batch - 1}-0"] : [], default);
            if (batch == 15)
            {
                using var builder = index.Index.BeginRebuild();
                await builder.AddAsync(SeedCorpus.All());
                await builder.SwapInAsync();
            }
        }

        // The searchers go on against the final index for as many searches again as there are queries.
        var written = Volatile.Read(ref searches);
        await Eventually.Until(() => Task.FromResult(Volatile.Read(ref searches) >= written + queries.Length),
            what: "searches after the last write");
        stop.Cancel();
        await Task.WhenAll(searchers);
        Assert.True(searches > 0);
        Assert.Empty(misses);
        Assert.Equal(6 + 14 * 20 - 13, await index.Index.CountAsync());
    }
}
