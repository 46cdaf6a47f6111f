using Publishing.Authoring.GoLive;
using Publishing.ServiceDefaults.Auth;

namespace Publishing.Authoring.Content;

public static class ContentEndpoints
{
    public static IEndpointRouteBuilder MapContentEndpoints(this IEndpointRouteBuilder app)
    {
        var content = app.MapGroup("/api/content").WithTags("Content");
        content.MapPost("/", CreateContent.Handle).RequireAuthorization(Policies.Editor);
        content.MapGet("/", ListContent.Handle).RequireAuthorization(Policies.Staff);
        content.MapGet("/{slug}", GetContent.Handle).RequireAuthorization(Policies.Staff);
        content.MapPut("/{slug}", UpdateContent.Handle).RequireAuthorization(Policies.Editor);
        content.MapPost("/{slug}/submissions", SubmitForReview.Handle).RequireAuthorization(Policies.Editor);
        content.MapGet("/{slug}/submissions/{id:guid}", GetSubmission.Handle).RequireAuthorization(Policies.Staff);
        content.MapPost("/{slug}/submissions/{id:guid}/recall", RecallSubmission.Handle).RequireAuthorization(Policies.Editor);
        content.MapGet("/{slug}/revisions", ListRevisions.Handle).RequireAuthorization(Policies.Staff);
        content.MapGet("/{slug}/revisions/{number:int}", GetRevision.Handle).RequireAuthorization(Policies.Staff);
        content.MapPost("/{slug}/revisions/{number:int}/restore", RestoreRevision.Handle).RequireAuthorization(Policies.Editor);
        content.MapGet("/{slug}/diff", GetDiff.Handle).RequireAuthorization(Policies.Staff);
        content.MapPost("/{slug}/withdrawal", WithdrawContent.Handle).RequireAuthorization(Policies.ReviewerOrAdmin);
        content.MapGet("/{slug}/audit", GetAuditTrail.Handle).RequireAuthorization(Policies.Staff);
        content.MapGet("/{slug}/related", RelatedContent.Handle).RequireAuthorization(Policies.Staff);
        content.MapGoLiveEndpoints();
        return app;
    }
}
