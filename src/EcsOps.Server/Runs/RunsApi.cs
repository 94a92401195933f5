using EcsOps.Server.Audit;
using EcsOps.Server.Jobs;
using EcsOps.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EcsOps.Server.Runs;

/// <summary>
/// The read API, for viewers only (<see cref="ViewerAuthentication"/>): <c>GET /runs</c> (newest first),
/// <c>GET /runs/{id}</c> (with the output), <c>GET /runs/{id}/events</c> (its audit events), and <c>GET /audit</c>
/// (the newest events, refusals included).
/// </summary>
public static class RunsApi
{
    /// <summary>How many runs or events a listing shows.</summary>
    public const int ListLimit = 200;

    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var viewers = routes.MapGroup("").AddEndpointFilter<ViewerFilter>();
        viewers.MapGet("/runs", ListAsync);
        viewers.MapGet("/runs/{id}", GetAsync);
        viewers.MapGet("/runs/{id}/events", EventsAsync);
        viewers.MapGet("/audit", AuditAsync);
        return routes;
    }

    private static async Task<JsonHttpResult<IReadOnlyList<RunView>>> ListAsync(IJobStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var jobs = await store.ListAsync(ListLimit, cancellationToken);
        var now = time.GetUtcNow();
        return TypedResults.Json<IReadOnlyList<RunView>>([.. jobs.Select(job => RunView.From(job, now))], RunsJsonContext.Default.IReadOnlyListRunView);
    }

    private static async Task<Results<JsonHttpResult<RunView>, NotFound>> GetAsync(string id, IJobStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var job = JobIds.IsWellFormed(id) ? await store.GetAsync(id, cancellationToken) : null;
        if (job is null)
        {
            return TypedResults.NotFound();
        }

        var output = await store.GetOutputAsync(id, lastLines: null, cancellationToken);
        return TypedResults.Json(RunView.From(job, time.GetUtcNow(), output), RunsJsonContext.Default.RunView);
    }

    private static async Task<Results<JsonHttpResult<IReadOnlyList<ServerAuditEvent>>, NotFound>> EventsAsync(
        string id, IJobStore store, CancellationToken cancellationToken)
    {
        if (!JobIds.IsWellFormed(id) || await store.GetAsync(id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Json(await store.ListEventsAsync(id, ListLimit, cancellationToken), RunsJsonContext.Default.IReadOnlyListServerAuditEvent);
    }

    private static async Task<JsonHttpResult<IReadOnlyList<ServerAuditEvent>>> AuditAsync(IJobStore store, CancellationToken cancellationToken) =>
        TypedResults.Json(await store.ListEventsAsync(null, ListLimit, cancellationToken), RunsJsonContext.Default.IReadOnlyListServerAuditEvent);
}
