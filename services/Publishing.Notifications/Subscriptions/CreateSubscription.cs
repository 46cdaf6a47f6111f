using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Publishing.Contracts;
using Publishing.Notifications.Data;
using Publishing.Notifications.Email;
using Publishing.Notifications.Webhooks;
using Publishing.ServiceDefaults.Auth;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Notifications.Subscriptions;

public sealed record SubscriptionFilterRequest(string[]? Types, string[]? Slugs, string[]? Tags);

public sealed record CreateSubscriptionRequest(string? Name, string? Url, string[]? Events, SubscriptionFilterRequest? Filter);

/// <summary>The only time the secret is shown.</summary>
public sealed record CreatedSubscription(Guid Id, string Secret);

public static class CreateSubscription
{
    public static readonly string[] EventNames = [EventTypes.Published, EventTypes.Withdrawn, EventTypes.Reviewed];
    public const int MaxNameLength = 200;
    public const int MaxUrlLength = 2000;
    public const int MaxFilterValues = 50;
    public const int MaxFilterValueLength = 100;
    private const int MaxTypeLength = 20;

    public static async Task<Results<Created<CreatedSubscription>, ProblemHttpResult>> Handle(
        CreateSubscriptionRequest request, ClaimsPrincipal principal, NotificationsDbContext db, AddressGuard guard,
        WebhookSecrets secrets, StaffDirectory staff, TimeProvider clock, CancellationToken ct)
    {
        var errors = Validate(request);
        if (errors.Count > 0) return Problems.Invalid(errors);
        // Well formed, but text no one should be shown (control characters, direction overrides).
        var unclean = CheckText(request);
        if (unclean.Count > 0) return Problems.Invalid(unclean, StatusCodes.Status422UnprocessableEntity);

        var url = request.Url!.Trim();
        if (await guard.CheckUrlAsync(url, ct) is { } refused)
            return Problems.Invalid("url", refused, StatusCodes.Status422UnprocessableEntity);

        var user = CurrentUser.From(principal);
        var now = clock.GetUtcNow();
        var secret = WebhookSecrets.NewSecret();
        var subscription = new Subscription
        {
            Id = Guid.CreateVersion7(now),
            Name = request.Name!.Trim(),
            Url = url,
            Events = Subscription.Join(request.Events!.Distinct()),
            FilterTypes = Subscription.Join(Clean(request.Filter?.Types)),
            FilterSlugs = Subscription.Join(Clean(request.Filter?.Slugs)),
            FilterTags = Subscription.Join(Clean(request.Filter?.Tags)),
            Secret = secrets.Protect(secret),
            OwnerId = user.Id,
            OwnerName = user.Name,
            OwnerEmail = principal.FindFirstValue("email") ?? staff.Find(user.Id, user.Name)?.Email,
            CreatedAt = now,
            State = SubscriptionStates.Active,
        };
        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/subscriptions/{subscription.Id}", new CreatedSubscription(subscription.Id, secret));
    }

    /// <summary>A secret in clear, as shown once to the admin; see <see cref="WebhookSecrets"/>.</summary>
    public static string NewSecret() => WebhookSecrets.NewSecret();

    private static Dictionary<string, string[]> Validate(CreateSubscriptionRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name)) errors["name"] = ["A name is required."];
        else if (request.Name.Trim().Length > MaxNameLength) errors["name"] = [$"A name is at most {MaxNameLength} characters."];

        if (string.IsNullOrWhiteSpace(request.Url)) errors["url"] = ["A URL is required."];
        else if (request.Url.Trim().Length > MaxUrlLength) errors["url"] = [$"A URL is at most {MaxUrlLength} characters."];

        if (request.Events is not { Length: > 0 })
            errors["events"] = [$"At least one event is required: {string.Join(", ", EventNames)}."];
        else if (request.Events.FirstOrDefault(e => !EventNames.Contains(e)) is { } unknown)
            errors["events"] = [$"'{unknown}' is not an event; use {string.Join(", ", EventNames)}."];

        var filter = request.Filter;
        CheckList(errors, "filter.types", filter?.Types, MaxTypeLength, v => null);
        CheckList(errors, "filter.slugs", filter?.Slugs, Slug.MaxLength, v => Slug.IsValid(v) ? null : Slug.Rule);
        CheckList(errors, "filter.tags", filter?.Tags, MaxFilterValueLength, v => null);
        return errors;
    }

    /// <summary>The text rule (<see cref="TextHygiene"/>) on every text an admin types, keyed by its JSON path.</summary>
    private static Dictionary<string, string[]> CheckText(CreateSubscriptionRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        TextHygiene.Check(errors, "name", request.Name);
        TextHygiene.Check(errors, "url", request.Url);
        CheckEach(errors, "filter.types", request.Filter?.Types);
        CheckEach(errors, "filter.tags", request.Filter?.Tags);
        return errors;
    }

    private static void CheckEach(Dictionary<string, string[]> errors, string field, string[]? values)
    {
        for (var i = 0; i < (values?.Length ?? 0); i++) TextHygiene.Check(errors, $"{field}[{i}]", values![i]);
    }

    private static void CheckList(
        Dictionary<string, string[]> errors, string field, string[]? values, int maxLength, Func<string, string?> rule)
    {
        if (values is null) return;
        if (values.Length > MaxFilterValues) { errors[field] = [$"At most {MaxFilterValues} values."]; return; }
        foreach (var v in values)
        {
            if (string.IsNullOrWhiteSpace(v)) { errors[field] = ["Values must not be empty."]; return; }
            if (v.Trim().Length > maxLength) { errors[field] = [$"Each value is at most {maxLength} characters."]; return; }
            if (rule(v.Trim()) is { } message) { errors[field] = [$"'{v}': {message}"]; return; }
        }
    }

    private static IEnumerable<string> Clean(string[]? values) =>
        (values ?? []).Select(v => v.Trim()).Distinct(StringComparer.OrdinalIgnoreCase);
}
