namespace EcsOps.Aws.Audit;

/// <summary>How an <see cref="AuditTrail"/> writes.</summary>
public sealed record AuditTrailOptions
{
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Put in every event's <c>client</c>, e.g. <c>ecsops/0.1.0 cli on laptop</c>.</summary>
    public string? Client { get; init; }

    /// <summary>True: every sink must store every event (<c>audit.require: all</c>). False: one sink is enough.</summary>
    public bool RequireAllSinks { get; init; }

    /// <summary>How long one sink may take for one event before it counts as failed.</summary>
    public TimeSpan SinkTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Receives one line per sink that failed while another stored the event (the run goes on).</summary>
    public Action<string>? Warn { get; init; }
}
