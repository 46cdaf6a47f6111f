using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Publishing.ServiceDefaults.Errors;

public static class RequestBodyLimit
{
    /// <summary>
    /// Refuses a declared oversized body up front with a 413 problem, and caps streamed bodies on
    /// servers that honour the limit feature (Kestrel is also configured with the same limit).
    /// </summary>
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app, long maxBytes) =>
        app.Use(async (http, next) =>
        {
            if (http.Request.ContentLength > maxBytes)
                throw new BadHttpRequestException("The request body is too large.", StatusCodes.Status413PayloadTooLarge);
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                limit.MaxRequestBodySize = maxBytes;
            await next(http);
        });
}
