using System.Text.Json;
using EcsOps.Sandbox.Gateway;
using EcsOps.Sandbox.Ssm;

namespace EcsOps.Sandbox.Faults;

/// <summary>
/// A small unsigned admin API under <c>/_sandbox/</c> for tests and benchmarks that drive a sandbox from
/// outside its process (the sandbox listens on 127.0.0.1 only; no S3 bucket name can start with '_'):
/// <list type="bullet">
/// <item><c>GET|PUT|DELETE /_sandbox/faults</c>: read, replace or clear the <see cref="FaultPlan"/> (JSON, <see cref="FaultPlanDocument"/>).</item>
/// <item><c>GET /_sandbox/faults/counts</c>: what the faults did so far.</item>
/// <item><c>POST /_sandbox/sessions/{id}/disconnect?peer=client|agent[&amp;abort=true]</c>: drop one side's socket now.</item>
/// <item><c>POST /_sandbox/sessions/{id}/restart-agent</c>: kill the agent's socket; it reconnects.</item>
/// </list>
/// </summary>
public static class SandboxAdminApi
{
    public const string PathPrefix = "/_sandbox";

    /// <summary>Serves the admin API; must come before the AWS middleware (requests are not signed).</summary>
    public static IApplicationBuilder UseSandboxAdminApi(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var faults = app.ApplicationServices.GetRequiredService<SandboxFaults>();
        var gateway = app.ApplicationServices.GetRequiredService<MessageGateway>();
        return app.MapWhen(
            context => context.Request.Path.StartsWithSegments(PathPrefix, StringComparison.Ordinal),
            branch => branch.Run(context => HandleAsync(context, faults, gateway)));
    }

    private static async Task HandleAsync(HttpContext context, SandboxFaults faults, MessageGateway gateway)
    {
        var path = context.Request.Path.Value![PathPrefix.Length..].Trim('/').Split('/');
        var method = context.Request.Method;
        switch (path)
        {
            case ["faults"] when HttpMethods.IsGet(method):
                await WriteJsonAsync(context, JsonSerializer.SerializeToUtf8Bytes(FaultPlanDocument.From(faults.Plan), FaultJsonContext.Default.FaultPlanDocument));
                return;
            case ["faults"] when HttpMethods.IsPut(method) || HttpMethods.IsPost(method):
                await ApplyAsync(context, faults);
                return;
            case ["faults"] when HttpMethods.IsDelete(method):
                faults.Clear();
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            case ["faults", "counts"] when HttpMethods.IsGet(method):
                var counts = new FaultCountsDocument(
                    faults.Counts(FrameDirection.ClientToAgent), faults.Counts(FrameDirection.AgentToClient),
                    faults.ApiRequestsDelayed, faults.ApiRequestsThrottled);
                await WriteJsonAsync(context, JsonSerializer.SerializeToUtf8Bytes(counts, FaultJsonContext.Default.FaultCountsDocument));
                return;
            case ["sessions", var sessionId, "disconnect"] when HttpMethods.IsPost(method):
                var peer = context.Request.Query["peer"].ToString() switch
                {
                    "client" or "" => SessionPeer.Client,
                    "agent" => SessionPeer.Agent,
                    _ => (SessionPeer?)null,
                };
                if (peer is null)
                {
                    await WriteProblemAsync(context, StatusCodes.Status400BadRequest, "peer must be client or agent");
                    return;
                }

                var abort = string.Equals(context.Request.Query["abort"], "true", StringComparison.OrdinalIgnoreCase);
                await FoundAsync(context, gateway.Disconnect(sessionId, peer.Value, abort), sessionId);
                return;
            case ["sessions", var sessionId, "restart-agent"] when HttpMethods.IsPost(method):
                await FoundAsync(context, gateway.RestartAgent(sessionId), sessionId);
                return;
            default:
                await WriteProblemAsync(context, StatusCodes.Status404NotFound, $"no admin operation {method} {context.Request.Path}");
                return;
        }
    }

    private static async Task ApplyAsync(HttpContext context, SandboxFaults faults)
    {
        try
        {
            var document = await JsonSerializer.DeserializeAsync(context.Request.Body, FaultJsonContext.Default.FaultPlanDocument, context.RequestAborted)
                ?? throw new JsonException("the body is null");
            faults.Apply(document.ToPlan());
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            await WriteProblemAsync(context, StatusCodes.Status400BadRequest, ex.Message);
        }
    }

    private static Task FoundAsync(HttpContext context, bool found, string sessionId)
    {
        if (found)
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        }

        return WriteProblemAsync(context, StatusCodes.Status404NotFound, $"session {sessionId} has no such socket");
    }

    private static async Task WriteJsonAsync(HttpContext context, byte[] body)
    {
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    private static async Task WriteProblemAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(message + "\n", context.RequestAborted);
    }
}
