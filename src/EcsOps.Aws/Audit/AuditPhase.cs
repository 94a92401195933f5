using System.Text.Json.Serialization;

namespace EcsOps.Aws.Audit;

/// <summary>Which event of a run: every audited run writes <see cref="Start"/> before it acts and <see cref="End"/> after.</summary>
public enum AuditPhase
{
    [JsonStringEnumMemberName("start")]
    Start,
    [JsonStringEnumMemberName("end")]
    End,
}
