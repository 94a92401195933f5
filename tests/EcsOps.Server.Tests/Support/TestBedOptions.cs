namespace EcsOps.Server.Tests.Support;

/// <summary>How a <see cref="ServerTestBed"/> configures its service.</summary>
public sealed record TestBedOptions
{
    /// <summary>The job store: this PostgreSQL database, or a SQLite file in the bed's directory when null.</summary>
    public string? PostgresConnectionString { get; init; }

    public int Workers { get; init; } = 2;

    /// <summary>Short, so that a run left behind by a "dead" replica is recovered quickly.</summary>
    public string Lease { get; init; } = "2s";

    /// <summary>Zero: stopping a host stops its running jobs at once.</summary>
    public string ShutdownGrace { get; init; } = "0s";

    /// <summary>How long stopping waits for stopped runs after the grace (the product's default is 15 s).</summary>
    public TimeSpan StopMargin { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Runs the jobs instead of the local-process runner when set.</summary>
    public EcsOps.Server.Engine.IJobRunner? Runner { get; init; }

    /// <summary>Extra lines appended to the server section (indented two spaces).</summary>
    public string ExtraServerYaml { get; init; } = "";
}
