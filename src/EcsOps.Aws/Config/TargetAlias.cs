using EcsOps.Aws.Discovery;

namespace EcsOps.Aws.Config;

/// <summary>
/// A named target from the <c>targets</c> section: a selector with a short name, and for database tunnels the
/// host and port to reach from inside the container.
/// </summary>
/// <param name="Name">The alias, used as <c>ecsops exec db</c> or <c>@db</c>.</param>
/// <param name="Selector">The containers it stands for.</param>
public sealed record TargetAlias(string Name, TargetSelector Selector)
{
    /// <summary>The host a <c>forward</c> through this target connects to (e.g. an RDS endpoint); the container itself when null.</summary>
    public string? RemoteHost { get; init; }

    /// <summary>The port on <see cref="RemoteHost"/> (or the container).</summary>
    public int? RemotePort { get; init; }

    /// <summary>The local port to listen on; <see cref="RemotePort"/> or a free one when null.</summary>
    public int? LocalPort { get; init; }

    /// <summary>A human description shown in listings.</summary>
    public string? Description { get; init; }
}
