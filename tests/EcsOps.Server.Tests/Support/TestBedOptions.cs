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

    /// <summary>Extra lines appended to the server section (indented two spaces).</summary>
    public string ExtraServerYaml { get; init; } = "";
}
