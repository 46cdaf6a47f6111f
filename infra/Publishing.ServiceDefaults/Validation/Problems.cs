using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Publishing.ServiceDefaults.Validation;

/// <summary>Problem details shaped the same way in every service.</summary>
public static class Problems
{
    public static ProblemHttpResult Status(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);

    public static ProblemHttpResult NotFound(string what) => Status(StatusCodes.Status404NotFound, "Not Found", what);
    public static ProblemHttpResult Conflict(string detail) => Status(StatusCodes.Status409Conflict, "Conflict", detail);
    public static ProblemHttpResult Forbidden(string detail) => Status(StatusCodes.Status403Forbidden, "Forbidden", detail);

    /// <summary>A validation failure: <c>errors</c> maps each field to its messages (400, or 422 for a broken rule).</summary>
    public static ProblemHttpResult Invalid(IDictionary<string, string[]> errors, int status = StatusCodes.Status400BadRequest) =>
        TypedResults.Problem(
            detail: string.Join(" ", errors.SelectMany(e => e.Value)),
            statusCode: status,
            title: status == StatusCodes.Status422UnprocessableEntity ? "The request breaks a rule" : "The request is invalid",
            extensions: new Dictionary<string, object?> { ["errors"] = errors });

    public static ProblemHttpResult Invalid(string field, string message, int status = StatusCodes.Status400BadRequest) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] }, status);

    public static ProblemHttpResult BadSlug() => Invalid("slug", Slug.Rule);
}
