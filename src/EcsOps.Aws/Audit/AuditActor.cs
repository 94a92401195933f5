namespace EcsOps.Aws.Audit;

/// <summary>Who acted: the AWS principal that made the calls, and for the service, the people behind the request.</summary>
/// <param name="Arn">The STS caller ARN of the credentials EcsOps used.</param>
/// <param name="AccountId">The caller's account.</param>
/// <param name="UserId">The caller's unique id (<c>AIDA…</c> or <c>AROA…:session</c>).</param>
/// <param name="Requester">Who asked, when not the caller: a Slack user, a ticket id (set by <c>ecsops serve</c>).</param>
/// <param name="Approver">Who approved the request, when approval was needed.</param>
public sealed record AuditActor(string Arn, string AccountId, string? UserId = null, string? Requester = null, string? Approver = null);
