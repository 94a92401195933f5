using System.Text;
using System.Text.Json.Nodes;
using EcsOps.Server.Approvals;
using EcsOps.Server.Audit;
using EcsOps.Server.Engine;
using EcsOps.Server.Jobs;
using EcsOps.Server.Policy;
using EcsOps.Server.Security;
using EcsOps.Server.Submissions;
using Microsoft.AspNetCore.WebUtilities;

namespace EcsOps.Server.Slack;

/// <summary>
/// The Slack slash command and the approval buttons. Both answer at once (Slack gives 3 s): the command's answer
/// is the acknowledgement (only for the requester, or in the channel with buttons when approval is needed), and
/// everything later goes to response_url. Errors are answers too, shown only to the caller.
/// </summary>
public sealed class SlackEndpoints(
    ServerSecrets secrets,
    SignedRequestReader signedRequests,
    RunSubmitter submitter,
    RunApprovals approvals,
    IRunbookCatalog catalog,
    SlackResponder responder,
    SlackMessages messages,
    RefusalAudit refusals)
{
    public const string Channel = "slack";
    public const string TimestampHeader = "X-Slack-Request-Timestamp";
    public const string SignatureHeader = "X-Slack-Signature";

    /// <summary><c>POST /slack/commands</c>: <c>/ecsops run RUNBOOK target=… name=value…</c>.</summary>
    public async Task<IResult> CommandAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.RequestAborted;
        var (form, failure) = await ReadFormAsync(context);
        if (form is null)
        {
            return failure!;
        }

        var userId = Field(form, "user_id");
        if (!SlackUserIds.IsWellFormed(userId))
        {
            return await RefuseAsync("unverified", new Refusal(RefusalKind.MalformedRequest, "the request has no valid user_id"), null, null, cancellationToken);
        }

        var requester = Principal.Slack(userId);
        var command = SlackCommandText.Parse(Field(form, "text"));
        if (command.Problem is { } problem)
        {
            return await RefuseAsync(requester.Value, new Refusal(RefusalKind.MalformedRequest, problem), null, null, cancellationToken);
        }

        if (command.IsHelp)
        {
            return Json(SlackMessages.Help(catalog.Names));
        }

        var responseUrl = Field(form, "response_url");
        if (!responder.IsAllowed(responseUrl))
        {
            return await RefuseAsync(
                requester.Value, new Refusal(RefusalKind.MalformedRequest, "the response_url is not under server.slack.responseUrls"),
                command.Runbook, command.Target, cancellationToken);
        }

        var userName = Field(form, "user_name");
        var result = await submitter.SubmitAsync(
            new RunSubmission
            {
                Channel = Channel,
                Requester = requester,
                RequesterName = userName.Length > 0 ? userName : userId,
                Runbook = command.Runbook!,
                Target = command.Target,
                Parameters = command.Parameters,
                ResponseUrl = responseUrl,
            },
            cancellationToken);
        return result.Job is { } job
            ? Json(job.State == JobState.PendingApproval ? messages.ApprovalRequest(job) : messages.Queued(job))
            : Json(SlackMessages.Error(result.Refusal!.Message));
    }

    /// <summary><c>POST /slack/interactions</c>: a click on Approve or Deny.</summary>
    public async Task<IResult> InteractionAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.RequestAborted;
        var (form, failure) = await ReadFormAsync(context);
        if (form is null)
        {
            return failure!;
        }

        var interaction = SlackInteraction.Parse(Field(form, "payload"), out var problem);
        if (interaction is null || !SlackUserIds.IsWellFormed(interaction.UserId))
        {
            var refusal = new Refusal(RefusalKind.MalformedRequest, problem ?? "the interaction has no valid user id");
            await refusals.RecordAsync(ServerAuditKinds.ApprovalRefused, Channel, "unverified", refusal, null, null, null, cancellationToken);
            return TypedResults.Text("error: " + refusal.Message, statusCode: StatusCodes.Status400BadRequest);
        }

        var result = await approvals.DecideAsync(interaction.RunId, Principal.Slack(interaction.UserId), interaction.Approve, cancellationToken);
        if (interaction.ResponseUrl is { } url)
        {
            responder.PostInBackground(url, result.Job is { } job ? messages.Decided(job) : SlackMessages.InteractionError(result.Refusal!.Message));
        }

        return TypedResults.Ok();
    }

    /// <summary>The verified form fields, or the answer for a refused request.</summary>
    private async Task<(Dictionary<string, Microsoft.Extensions.Primitives.StringValues>? Form, IResult? Failure)> ReadFormAsync(HttpContext context)
    {
        if (secrets.SlackSigningSecret is not { } secret)
        {
            return (null, TypedResults.NotFound());
        }

        var signed = await signedRequests.ReadAsync(
            context.Request, HmacRequestSignature.Slack, TimestampHeader, SignatureHeader, [new(Channel, secret)], Channel, context.RequestAborted);
        return signed.Body is { } body
            ? (QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)), null)
            : (null, TypedResults.Text("error: " + signed.Refusal!.Message, statusCode: signed.StatusCode));
    }

    /// <summary>A form field; empty when absent (a missing field is as invalid as an empty one).</summary>
    private static string Field(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> form, string name) =>
        form.TryGetValue(name, out var value) ? value.ToString() : "";

    private async Task<IResult> RefuseAsync(string actor, Refusal refusal, string? runbook, string? target, CancellationToken cancellationToken)
    {
        await refusals.RecordAsync(ServerAuditKinds.RequestRefused, Channel, actor, refusal, runbook, target, null, cancellationToken);
        return Json(SlackMessages.Error(refusal.Message));
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult Json(JsonObject message) => TypedResults.Content(message.ToJsonString(), "application/json", Encoding.UTF8);
}
