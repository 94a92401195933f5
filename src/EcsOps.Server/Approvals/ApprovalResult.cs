using EcsOps.Server.Jobs;
using EcsOps.Server.Submissions;

namespace EcsOps.Server.Approvals;

/// <summary>The run after an approver's decision, or why the decision did not count.</summary>
public sealed record ApprovalResult(Job? Job, Refusal? Refusal);
