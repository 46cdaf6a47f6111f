using Publishing.Contracts;
using Publishing.Review.Reviews;
using Publishing.ServiceDefaults.Auth;
using Xunit;

namespace Publishing.Review.Tests.Reviews;

/// <summary>
/// The sign-off rules the HTTP tests do not reach: four eyes, the same reviewer twice, the
/// qualification and the references of a clinical change and the safety floor are pinned through
/// the API in <see cref="ApprovalRulesTests"/>, ChangeRequestTests and PeriodicReviewTests.
/// </summary>
public class SignOffRulesTests
{
    private static CurrentUser Reviewer(string? qualification) =>
        new("reviewer-1", "Reviewer", new HashSet<string> { "reviewer" }, qualification);

    [Theory]
    [InlineData(null)]
    [InlineData(false)]
    public void A_safety_approval_needs_the_references_checked(bool? referencesChecked) =>
        Assert.True(SignOffRules.LacksReferencesCheck(ChangeClasses.Safety, referencesChecked));

    [Theory]
    [InlineData(ChangeClasses.Clinical)]
    [InlineData(ChangeClasses.Safety)]
    public void A_blank_qualification_is_no_qualification(string changeClass)
    {
        Assert.True(SignOffRules.LacksQualification(changeClass, Reviewer("  ")));
        Assert.False(SignOffRules.IsQualified("\t"));
    }

    [Theory]
    [InlineData(ChangeClasses.Editorial, 3, 3)]
    [InlineData(ChangeClasses.Clinical, 2, 2)]
    [InlineData(ChangeClasses.Clinical, 0, 1)]
    [InlineData(ChangeClasses.Safety, 0, 2)]
    public void A_submission_keeps_a_higher_count_than_its_class_needs_but_never_a_lower_one(
        string changeClass, int requested, int required) =>
        Assert.Equal(required, SignOffRules.RequiredApprovals(changeClass, requested));
}
