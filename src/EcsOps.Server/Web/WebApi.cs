using System.Text;
using EcsOps.Server.Jobs;
using EcsOps.Server.Runs;
using EcsOps.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EcsOps.Server.Web;

/// <summary>
/// The web page: <c>GET /</c> (runs) and <c>GET /ui/runs/{id}</c> (one run), for viewers only; its assets under
/// <c>/assets</c> are public (they hold nothing but style and script). Every response forbids framing and any
/// resource not from this service (Content-Security-Policy).
/// </summary>
public static class WebApi
{
    /// <summary>Only our own stylesheet and script; no inline code, no frames, no forms, nothing from elsewhere.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static IEndpointRouteBuilder MapWebPage(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var viewers = routes.MapGroup("").AddEndpointFilter<ViewerFilter>();
        viewers.MapGet("/", RunsAsync);
        viewers.MapGet("/ui/runs/{id}", RunAsync);
        routes.MapGet("/assets/{name}", Asset);
        routes.MapGet("/healthz", () => TypedResults.Text("ok\n"));
        return routes;
    }

    /// <summary>Adds the security headers to every response.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "no-store";
            await next(context);
        });

    private static async Task<ContentHttpResult> RunsAsync(IJobStore store, TimeProvider time, CancellationToken cancellationToken) =>
        Html(RunsPage.Render(await store.ListAsync(RunsApi.ListLimit, cancellationToken), time.GetUtcNow()));

    private static async Task<Results<ContentHttpResult, NotFound>> RunAsync(string id, IJobStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!JobIds.IsWellFormed(id) || await store.GetAsync(id, cancellationToken) is not { } job)
        {
            return TypedResults.NotFound();
        }

        var output = await store.GetOutputAsync(id, lastLines: null, cancellationToken);
        var events = await store.ListEventsAsync(id, RunsApi.ListLimit, cancellationToken);
        return Html(RunPage.Render(job, output, events, time.GetUtcNow()));
    }

    private static Results<FileContentHttpResult, NotFound> Asset(string name) =>
        WebAssets.TryGet(name, out var content, out var contentType) ? TypedResults.File(content, contentType) : TypedResults.NotFound();

    private static ContentHttpResult Html(string html) => TypedResults.Content(html, "text/html", Encoding.UTF8);
}
