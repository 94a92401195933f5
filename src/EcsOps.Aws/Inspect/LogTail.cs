using EcsOps.Aws.Logs.Model;

namespace EcsOps.Aws.Inspect;

/// <summary>The last lines a container wrote to CloudWatch Logs (awslogs driver), or why they cannot be read.</summary>
public sealed record LogTail(string? Group, string? Stream, string? Region, IReadOnlyList<OutputLogEvent> Events, string? Unavailable)
{
    public static LogTail Missing(string reason) => new(null, null, null, [], reason);
}
