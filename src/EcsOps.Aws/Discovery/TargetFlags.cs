namespace EcsOps.Aws.Discovery;

/// <summary>
/// The explicit selector options of a command (<c>--account</c>, <c>--region</c>, <c>--cluster</c>, <c>--service</c>,
/// <c>--task</c>, <c>--container</c>). Each may be a glob; a flag takes precedence over the same part of a
/// positional selector or alias.
/// </summary>
public sealed record TargetFlags
{
    /// <summary>No flags.</summary>
    public static readonly TargetFlags None = new();

    /// <summary>Account id or name.</summary>
    public string? Account { get; init; }

    public string? Region { get; init; }
    public string? Cluster { get; init; }
    public string? Service { get; init; }

    /// <summary>Task id, task ARN, or a glob over task ids.</summary>
    public string? Task { get; init; }

    public string? Container { get; init; }
}
