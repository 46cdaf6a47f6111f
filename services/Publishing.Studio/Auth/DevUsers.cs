namespace Publishing.Studio.Auth;

public sealed record DevUser(string Id, string Name, string[] Roles, string? Qualification, string Description);

/// <summary>
/// The people a developer can sign in as when the dev token issuer is on (Development only). Override with
/// <c>Studio:DevUsers</c> (a list of {id, name, roles, qualification, description}).
/// </summary>
public sealed class DevUsers(IReadOnlyList<DevUser> users, bool enabled)
{
    public static readonly IReadOnlyList<DevUser> Defaults =
    [
        new("dev-editor-eve", "Eve Marsh", ["editor"], null, "Medical editor"),
        new("dev-editor-sam", "Sam Okafor", ["editor"], null, "Medical editor"),
        new("dev-reviewer-aisha", "Aisha Rahman", ["reviewer"], "Clinical pharmacist", "Clinical reviewer, qualified"),
        new("dev-reviewer-owen", "Dr Owen Price", ["reviewer"], "Consultant medical oncologist", "Clinical reviewer, qualified"),
        new("dev-reviewer-lee", "Lee Carter", ["reviewer"], null, "Reviewer without a recorded qualification"),
        new("dev-admin-ada", "Ada Brennan", ["admin"], null, "Administrator: subscriptions, deliveries and error queues"),
    ];

    public bool Enabled { get; } = enabled;
    public IReadOnlyList<DevUser> All { get; } = users;

    public DevUser? Find(string? id) => All.FirstOrDefault(u => u.Id == id);

    public static DevUsers From(IConfiguration config, bool devIssuerEnabled)
    {
        var configured = config.GetSection("Studio:DevUsers").Get<List<DevUser>>();
        return new DevUsers(configured is { Count: > 0 } ? configured : Defaults, devIssuerEnabled);
    }
}
