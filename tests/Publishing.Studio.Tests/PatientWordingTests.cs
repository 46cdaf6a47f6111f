using System.Text.Json;
using Publishing.Studio.Forms;
using Publishing.Studio.Public;

namespace Publishing.Studio.Tests;

/// <summary>The sentences of the patient page: availability from NICE and SMC decisions, how a drug is taken, one date format.</summary>
public sealed class PatientWordingTests
{
    private static DrugForm Seed(string slug) =>
        DrugForm.From(JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Seed", $"{slug}.json")))
            .RootElement.GetProperty("fields"));

    private static ApprovalRow Approval(string body, string decision) => new() { Body = body, Decision = decision };

    [Fact]
    public void Not_approved_by_NICE_or_the_SMC_may_not_be_widely_available()
    {
        // Pazopanib: the SMC did not recommend it and NICE has not appraised it.
        var sentences = Availability.Sentences("pazopanib", Seed("pazopanib").Approvals);

        Assert.Equal(
        [
            "Pazopanib has not been approved by NICE or the SMC for use on the NHS, so it may not be widely available.",
            "NICE has not assessed it.",
            "The SMC decided not to recommend it.",
        ], sentences);
    }

    [Fact]
    public void Approved_by_NICE_alone_says_so_and_that_no_SMC_decision_is_recorded()
    {
        var sentences = Availability.Sentences("regorafenib", Seed("regorafenib").Approvals);

        Assert.Equal(
            ["NICE has approved regorafenib for use on the NHS in England.", "There is no SMC decision for Scotland recorded here."],
            sentences);
    }

    [Theory]
    [InlineData("recommended", "recommended", "NICE and the SMC have approved sunitinib for use on the NHS.")]
    [InlineData("cdf-only", "not-recommended", "In England, sunitinib is available on the NHS through the Cancer Drugs Fund.")]
    [InlineData("not-recommended", "recommended", "The SMC has approved sunitinib for use on the NHS in Scotland.")]
    public void Each_combination_of_decisions_has_its_sentence(string nice, string smc, string expected) =>
        Assert.Contains(expected, Availability.Sentences("sunitinib", [Approval("NICE", nice), Approval("SMC", smc), Approval("EMA", "authorised")]));

    [Fact]
    public void With_no_decision_recorded_the_patient_is_sent_to_their_specialist() =>
        Assert.Equal(
            ["There is no NICE or SMC decision about ripretinib recorded here. Ask your specialist whether it is available to you on the NHS."],
            Availability.Sentences("ripretinib", [Approval("EMA", "authorised")]));

    [Fact]
    public void A_withdrawn_licence_comes_first_and_tells_patients_not_to_stop_without_advice()
    {
        var sentences = Availability.Sentences("olaratumab", Seed("olaratumab").Approvals);

        Assert.StartsWith("Olaratumab's licence has been withdrawn. If you are taking it, talk to your specialist; do not stop", sentences[0]);
        Assert.Contains("NICE has withdrawn its recommendation.", sentences);
    }

    [Fact]
    public void How_a_tablet_is_taken_reads_as_sentences_not_joined_fields()
    {
        var d = Seed("regorafenib");

        var sentences = PatientWording.HowTaken(d.Administration, "regorafenib");

        Assert.Equal("Regorafenib is taken by mouth as tablets.", sentences[0]);
        Assert.StartsWith("The usual dose is 160 mg (four 40 mg tablets) once a day", sentences[1]);
        Assert.DoesNotContain(sentences, s => s.Contains("oral, tablet"));
    }

    [Fact]
    public void An_infusion_is_given_as_a_drip_into_a_vein() =>
        Assert.Equal("Olaratumab is given as a drip into a vein (an infusion).",
            PatientWording.HowTaken(Seed("olaratumab").Administration, "olaratumab")[0]);

    [Fact]
    public void An_indication_says_when_it_is_used_in_words()
    {
        var first = Seed("imatinib").Indications[0];

        Assert.Equal(
            "Gastrointestinal stromal tumour (GIST) that is inoperable or has spread, as a first treatment, when the tumour tests KIT (CD117) positive (licensed in the EU).",
            PatientWording.Indication(first));
    }

    [Fact]
    public void Decisions_and_dates_use_the_one_date_format()
    {
        var ta326 = Seed("imatinib").Approvals.Single(a => a.Reference == "TA326");

        Assert.Equal("The National Institute for Health and Care Excellence (NICE) recommends it (TA326, 26 November 2014).", PatientWording.Decision(ta326));
        Assert.Equal("1 November 2026", PatientWording.Date(new DateTimeOffset(2026, 11, 1, 23, 30, 0, TimeSpan.Zero)));
        Assert.Equal("1 November 2026", PatientWording.Date("2026-11-01"));
    }

    [Fact]
    public void The_introduction_names_the_class_and_the_brand() =>
        Assert.Equal("Regorafenib is a tyrosine kinase inhibitor. Its brand name is Stivarga.",
            PatientWording.Intro(Seed("regorafenib"), "regorafenib"));
}
