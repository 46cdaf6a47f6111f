using System.Text.Json;
using Xunit;

namespace Publishing.Contracts.Tests;

public class RoundTripTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static TheoryData<string> ContractNames => new(SampleContracts.All.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(ContractNames))]
    public void Contract_survives_a_round_trip_through_web_json(string name)
    {
        var sample = SampleContracts.All[name];
        var type = sample.GetType();

        var json = JsonSerializer.Serialize(sample, type, Web);
        var back = JsonSerializer.Deserialize(json, type, Web);

        Assert.NotNull(back);
        Assert.Equal(json, JsonSerializer.Serialize(back, type, Web));
        if (!SampleContracts.HoldsReferenceMembers(type))
            Assert.Equal(sample, back); // record value equality is meaningful only without lists/JsonElement
    }

    [Fact]
    public void A_publication_from_a_producer_that_predates_the_sample_mark_reads_as_real_content()
    {
        var json = JsonSerializer.SerializeToNode(SampleContracts.All[nameof(ContentPublished)], Web)!.AsObject();
        Assert.True(json.Remove("sample"), "The sample mark travels as \"sample\".");

        var back = JsonSerializer.Deserialize<ContentPublished>(json.ToJsonString(), Web)!;

        Assert.False(back.Sample);
    }

    [Theory]
    [InlineData(nameof(ContentPublished))]
    [InlineData(nameof(ContentWithdrawn))]
    public void A_change_from_a_producer_that_predates_releases_went_live_on_its_own(string name)
    {
        var json = JsonSerializer.SerializeToNode(SampleContracts.All[name], Web)!.AsObject();
        json.Remove("releaseId");

        var back = (IContentChanged)JsonSerializer.Deserialize(json.ToJsonString(), SampleContracts.All[name].GetType(), Web)!;

        Assert.Null(back switch { ContentPublished p => p.ReleaseId, ContentWithdrawn w => w.ReleaseId, _ => Guid.Empty });
    }

    [Fact]
    public void A_release_carries_its_members_own_events_with_the_release_named_in_each()
    {
        var release = (ReleasePublished)SampleContracts.All[nameof(ReleasePublished)];

        var back = JsonSerializer.Deserialize<ReleasePublished>(JsonSerializer.Serialize(release, Web), Web)!;

        Assert.All(back.Published, p => Assert.Equal(release.ReleaseId, p.ReleaseId));
        Assert.All(back.Withdrawn, w => Assert.Equal(release.ReleaseId, w.ReleaseId));
        Assert.Equal(["paracetamol-for-adults", "co-codamol-for-adults"], back.Published.Select(p => p.Slug).Concat(back.Withdrawn.Select(w => w.Slug)));
    }

    [Fact]
    public void The_sample_mark_survives_a_round_trip()
    {
        var sample = (ContentPublished)SampleContracts.All[nameof(ContentPublished)] with { Sample = true };

        var back = JsonSerializer.Deserialize<ContentPublished>(JsonSerializer.Serialize(sample, Web), Web)!;

        Assert.True(back.Sample);
    }

    [Fact]
    public void Every_public_record_has_a_round_trip_sample()
    {
        var records = typeof(IContentChanged).Assembly.GetExportedTypes().Where(t => t.GetMethod("<Clone>$") is not null);
        Assert.All(records, t => Assert.True(SampleContracts.All.ContainsKey(t.Name), $"Add a sample {t.Name} to SampleContracts."));
    }
}
