using System.Text.Json;

namespace Publishing.Deployment.Tests;

/// <summary>
/// The Keycloak realm compose imports gives the services what they read from a token: the audience
/// <c>publishing</c>, a subject, the roles in a flat <c>role</c> claim and the reviewer's qualification;
/// Search a service account with the <c>service</c> role; the Studio a code + PKCE client; and sample
/// people who are plainly samples and must choose their own password.
/// </summary>
public sealed class RealmTests
{
    private const string StudioClient = "publishing-studio";
    private const string SearchClient = "search-indexing";
    private static readonly string[] PeopleRoles = ["editor", "reviewer", "admin"];
    private const string ServiceRole = "service";

    private readonly Realm realm = Realm.Load();

    [Fact]
    public void Realm_defines_the_roles_the_services_authorize()
    {
        var missing = PeopleRoles.Append(ServiceRole).Except(realm.RealmRoles).ToList();
        Assert.True(missing.Count == 0, $"{Realm.FileName} lacks the realm roles {string.Join(", ", missing)}.");
    }

    [Theory]
    [InlineData(StudioClient, true)]
    [InlineData(SearchClient, false)]
    public void A_client_token_carries_the_audience_a_subject_the_roles_and_the_qualification(string clientId, bool signsPeopleIn)
    {
        var client = realm.Client(clientId);
        Assert.True(client is not null, $"{Realm.FileName} has no client '{clientId}'.");
        var problems = new List<string>();
        // Keycloak makes none of its own client scopes (basic, profile, ...) for a realm file that lists any,
        // so every scope a client names must be in the file, or its mappers silently do not exist.
        foreach (var scope in Realm.Strings(client.Value, "defaultClientScopes").Where(s => realm.ClientScope(s) is null))
            problems.Add($"'{clientId}' names the default client scope '{scope}', which {Realm.FileName} does not define.");
        var mappers = realm.MappersOf(client.Value).ToList();

        bool Has(string kind, Func<JsonElement, bool> match) => mappers.Any(m => Realm.Text(m, "protocolMapper") == kind && match(m));
        bool In(JsonElement m, string token) => Realm.Config(m, $"{token}.token.claim") == "true";
        var tokens = signsPeopleIn ? new[] { "access", "id", "userinfo" } : ["access"];

        if (!Has("oidc-audience-mapper", m => Realm.Config(m, "included.custom.audience") == "publishing" && In(m, "access")))
            problems.Add($"'{clientId}' access tokens get no audience 'publishing' (an oidc-audience-mapper with included.custom.audience).");
        if (!Has("oidc-sub-mapper", m => In(m, "access")))
            problems.Add($"'{clientId}' access tokens get no 'sub' (Keycloak 25+ adds it only through an oidc-sub-mapper, in its 'basic' scope); the services refuse a token without one.");
        if (!Has("oidc-usermodel-realm-role-mapper", m => Realm.Config(m, "claim.name") == "role" && Realm.Config(m, "multivalued") == "true"
                && tokens.All(t => In(m, t))))
            problems.Add($"'{clientId}' tokens get no flat multivalued 'role' claim of realm roles in the {string.Join(", ", tokens)} token(s).");
        if (!Has("oidc-usermodel-attribute-mapper", m => Realm.Config(m, "user.attribute") == "qualification"
                && Realm.Config(m, "claim.name") == "qualification" && tokens.All(t => In(m, t))))
            problems.Add($"'{clientId}' tokens get no 'qualification' claim from the user attribute qualification in the {string.Join(", ", tokens)} token(s).");
        AssertNone(problems);
    }

    [Fact]
    public void Qualification_is_a_declared_user_attribute_that_only_administrators_edit()
    {
        var profile = realm.UserProfile();
        Assert.True(profile is not null, $"{Realm.FileName} declares no user profile (components / org.keycloak.userprofile.UserProfileProvider).");
        var attributes = Realm.Array(profile.Value, "attributes").ToDictionary(a => Realm.Text(a, "name") ?? "", StringComparer.Ordinal);
        // Since Keycloak 24 an attribute the profile does not declare is dropped on import unless unmanaged attributes are on,
        // and a profile replaces Keycloak's default one, so the built-in attributes must be declared too.
        var missing = new[] { "username", "email", "firstName", "lastName", "qualification" }.Where(a => !attributes.ContainsKey(a)).ToList();
        Assert.True(missing.Count == 0, $"The user profile does not declare {string.Join(", ", missing)}.");
        // A reviewer who could edit their own qualification could sign off what needs one.
        Assert.Equal(["admin"], Realm.Strings(attributes["qualification"], "permissions", "edit"));
        var unmanaged = Realm.Text(profile.Value, "unmanagedAttributePolicy");
        Assert.True(unmanaged is null or "DISABLED" or "ADMIN_VIEW",
            $"unmanagedAttributePolicy {unmanaged} lets people or admins store attributes the profile does not declare.");
    }

    [Fact]
    public void Search_indexing_is_a_service_account_with_the_service_role_which_no_person_holds()
    {
        var client = realm.Client(SearchClient);
        Assert.True(client is not null, $"{Realm.FileName} has no client '{SearchClient}'.");
        var c = client.Value;
        Assert.True(Realm.Flag(c, "serviceAccountsEnabled"), $"'{SearchClient}' should have the client-credentials grant (serviceAccountsEnabled).");
        foreach (var grant in new[] { "standardFlowEnabled", "implicitFlowEnabled", "directAccessGrantsEnabled", "publicClient" })
            Assert.False(Realm.Flag(c, grant), $"'{SearchClient}' should have only the client-credentials grant; it sets {grant}.");
        var account = realm.Users.Where(u => Realm.Text(u, "serviceAccountClientId") == SearchClient).ToList();
        Assert.True(account.Count == 1, $"{Realm.FileName} should hold the service account user of '{SearchClient}' (serviceAccountClientId).");
        Assert.Contains(ServiceRole, Realm.Strings(account[0], "realmRoles"));
        var people = realm.People.Where(p => Realm.Strings(p, "realmRoles").Contains(ServiceRole)).Select(p => Realm.Text(p, "username")).ToList();
        Assert.True(people.Count == 0, $"Only services hold the '{ServiceRole}' role; these people do: {string.Join(", ", people)}.");
    }

    [Fact]
    public void Studio_is_a_confidential_client_with_only_the_code_flow_and_PKCE()
    {
        var client = realm.Client(StudioClient);
        Assert.True(client is not null, $"{Realm.FileName} has no client '{StudioClient}'.");
        var c = client.Value;
        Assert.True(Realm.Flag(c, "standardFlowEnabled"), $"'{StudioClient}' should use the authorization code flow.");
        foreach (var other in new[] { "implicitFlowEnabled", "directAccessGrantsEnabled", "serviceAccountsEnabled", "publicClient" })
            Assert.False(Realm.Flag(c, other), $"'{StudioClient}' should allow only the code flow, as a confidential client; it sets {other}.");
        Assert.Equal("S256", Realm.Attribute(c, "pkce.code.challenge.method"));
    }

    [Fact]
    public void Sample_people_are_named_as_samples_cover_every_role_and_must_choose_their_own_password()
    {
        var people = realm.People.ToList();
        var problems = new List<string>();
        foreach (var person in people)
        {
            var username = Realm.Text(person, "username") ?? "(no username)";
            if (!username.StartsWith("sample-", StringComparison.Ordinal) || Realm.Text(person, "firstName") != "Sample")
                problems.Add($"'{username}' is not plainly a sample (username sample-..., first name Sample).");
            var credentials = Realm.Array(person, "credentials").ToList();
            if (credentials.Count == 0 || credentials.Any(c => !Realm.Flag(c, "temporary") || Realm.Placeholder(Realm.Text(c, "value")) is null))
                problems.Add($"'{username}' should have one temporary password, taken from the environment (\"${{NAME}}\").");
            if (!Realm.Strings(person, "requiredActions").Contains("UPDATE_PASSWORD"))
                problems.Add($"'{username}' should have to choose a new password at first sign-in (requiredActions UPDATE_PASSWORD).");
        }
        string? Qualification(JsonElement p) => Realm.Array(p, "attributes", "qualification").Select(v => v.GetString()).FirstOrDefault();
        bool Someone(string role, Func<string?, bool> qualification) =>
            people.Any(p => Realm.Strings(p, "realmRoles").Contains(role) && qualification(Qualification(p)));
        if (!Someone("editor", _ => true)) problems.Add("No sample editor.");
        if (!Someone("admin", _ => true)) problems.Add("No sample admin.");
        foreach (var qualification in new[] { "Clinical pharmacist", "Consultant medical oncologist" })
            if (!Someone("reviewer", q => q == qualification)) problems.Add($"No sample reviewer qualified as {qualification}.");
        if (!Someone("reviewer", q => q is null)) problems.Add("No sample reviewer without a qualification.");
        AssertNone(problems);
    }

    private static void AssertNone(List<string> problems)
    {
        if (problems.Count > 0) Assert.Fail(string.Join(Environment.NewLine, problems));
    }
}
