using Publishing.Review.Periodic;
using Publishing.ServiceDefaults.Auth;

namespace Publishing.Review.Reviews;

public static class ReviewEndpoints
{
    public static IEndpointRouteBuilder MapReviewEndpoints(this IEndpointRouteBuilder app)
    {
        var reviews = app.MapGroup("/api/reviews").WithTags("Reviews");
        reviews.MapGet("/", ListReviews.Handle).RequireAuthorization(Policies.ReviewerOrAdmin);
        reviews.MapGet("/{id:guid}", GetReview.Handle).RequireAuthorization(Policies.ReviewerOrAdmin);
        reviews.MapGet("/{id:guid}/progress", GetReviewProgress.Handle).RequireAuthorization(Policies.Staff);
        reviews.MapPost("/{id:guid}/approvals", ApproveReview.Handle).RequireAuthorization(Policies.Reviewer);
        reviews.MapPost("/{id:guid}/change-requests", RequestChanges.Handle).RequireAuthorization(Policies.Reviewer);
        reviews.MapPost("/periodic", ConfirmPeriodicReview.Handle).RequireAuthorization(Policies.Reviewer);
        return app;
    }
}
