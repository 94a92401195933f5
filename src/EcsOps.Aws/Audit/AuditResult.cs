using System.Text.Json.Serialization;

namespace EcsOps.Aws.Audit;

/// <summary>How a run ended.</summary>
public enum AuditResult
{
    /// <summary>The action did what was asked and its exit code (if any) was 0.</summary>
    [JsonStringEnumMemberName("ok")]
    Ok,

    /// <summary>The action failed, or the remote command exited non-zero.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>The action was not carried out on purpose (a check, a policy or an approver said no).</summary>
    [JsonStringEnumMemberName("refused")]
    Refused,

    /// <summary>The operator (Ctrl-C, SIGTERM) or a shutdown stopped the action.</summary>
    [JsonStringEnumMemberName("interrupted")]
    Interrupted,
}
