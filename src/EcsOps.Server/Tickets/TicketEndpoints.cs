using System.Text;
using System.Text.Json.Nodes;
using EcsOps.Server.Audit;
using EcsOps.Server.Jobs;
using EcsOps.Server.Policy;
using EcsOps.Server.Security;
using EcsOps.Server.Submissions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EcsOps.Server.Tickets;

/// <summary>
/// <c>POST /hooks/tickets</c>: a ticket system asks for a run. The signature (<c>X-EcsOps-Signature: sha256=…</c>
/// over <c>X-EcsOps-Timestamp + "." + body</c>) names the source; the ticket id makes the request idempotent: 202
/// with a new run id, 200 with the same run id when the ticket was sent before, 409 when the ticket was used for a
/// different request. Errors are JSON <c>{"error": kind, "message": …}</c>.
/// </summary>
public sealed class TicketEndpoints(ServerSecrets secrets, SignedRequestReader signedRequests, RunSubmitter submitter, RefusalAudit refusals)
{
    public const string Channel = "ticket";
    public const string TimestampHeader = "X-EcsOps-Timestamp";
    public const string SignatureHeader = "X-EcsOps-Signature";

    public async Task<IResult> RunAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.RequestAborted;
        if (secrets.TicketSecrets.Count == 0)
        {
            return TypedResults.NotFound();
        }

        var signed = await signedRequests.ReadAsync(
            context.Request, HmacRequestSignature.Ticket, TimestampHeader, SignatureHeader, secrets.TicketSecrets, Channel, cancellationToken);
        if (signed.Body is not { } body)
        {
            return Error(signed.Refusal!, signed.StatusCode);
        }

        var source = signed.SignerName!;
        var channel = $"{Channel}:{source}";
        var request = TicketRunRequest.Parse(body, out var problem);
        if (request is null)
        {
            var refusal = new Refusal(RefusalKind.MalformedRequest, problem!);
            await refusals.RecordAsync(ServerAuditKinds.RequestRefused, channel, "ticket:" + source, refusal, null, null, null, cancellationToken);
            return Error(refusal, StatusCodes.Status400BadRequest);
        }

        var result = await submitter.SubmitAsync(
            new RunSubmission
            {
                Channel = channel,
                Requester = Principal.Ticket(source, request.Requester),
                RequesterName = request.Requester,
                Runbook = request.Runbook,
                Target = request.Target,
                Parameters = request.Parameters,
                TicketSource = source,
                TicketId = request.TicketId,
                Approver = request.Approver is { } approver ? Principal.Ticket(source, approver) : null,
            },
            cancellationToken);
        if (result.Job is not { } job)
        {
            return Error(result.Refusal!, StatusFor(result.Refusal!.Kind));
        }

        var answer = new JsonObject
        {
            ["runId"] = job.Id,
            ["state"] = job.State.Name(),
            ["created"] = !result.Existing,
            ["statusUrl"] = "/runs/" + job.Id,
        };
        return Json(answer, result.Existing ? StatusCodes.Status200OK : StatusCodes.Status202Accepted);
    }

    private static int StatusFor(RefusalKind kind) => kind switch
    {
        RefusalKind.NotAllowed or RefusalKind.ApprovalMissing or RefusalKind.ApproverNotAllowed or RefusalKind.SelfApproval => StatusCodes.Status403Forbidden,
        RefusalKind.TicketConflict => StatusCodes.Status409Conflict,
        RefusalKind.AuditUnavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };

    private static ContentHttpResult Error(Refusal refusal, int status) =>
        Json(new JsonObject { ["error"] = RefusalNames.Name(refusal.Kind), ["message"] = refusal.Message }, status);

    private static ContentHttpResult Json(JsonObject body, int status) =>
        TypedResults.Content(body.ToJsonString(), "application/json", Encoding.UTF8, status);
}
