namespace EcsOps.Runbooks.Inspect;

/// <summary>What <c>ecsops inspect</c> was asked to show besides the task summary.</summary>
public sealed record InspectRequest
{
    /// <summary>The container's environment: definition, secrets and (through exec) the live values.</summary>
    public bool Environment { get; init; }

    /// <summary>Show secret values instead of masking them (audited).</summary>
    public bool Reveal { get; init; }

    /// <summary>Files to read through exec.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>The most bytes shown of each file.</summary>
    public int FileLimit { get; init; } = ContainerProbe.DefaultFileLimit;

    /// <summary>The task definition, diffed against the service's (or the newest) revision.</summary>
    public bool Definitions { get; init; }

    /// <summary>The service's recently stopped tasks.</summary>
    public bool Stopped { get; init; }

    /// <summary>How many of the container's last log lines; 0 for none.</summary>
    public int LogLines { get; init; }

    public bool NeedsExec => Environment || Files.Count > 0;
}
