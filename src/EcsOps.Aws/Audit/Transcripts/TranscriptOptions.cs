namespace EcsOps.Aws.Audit.Transcripts;

/// <summary>How a <see cref="TranscriptRecorder"/> records and cuts parts.</summary>
public sealed record TranscriptOptions
{
    /// <summary>Record "i" events (what the operator types).</summary>
    public bool RecordInput { get; init; }

    /// <summary>A part is stored once it holds this many bytes of events.</summary>
    public long PartSize { get; init; } = 1024 * 1024;

    /// <summary>A non-empty part is stored once it is this old.</summary>
    public TimeSpan PartInterval { get; init; } = TimeSpan.FromMinutes(1);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Receives one line when storing a part failed (the recording goes on; the end event says what is missing).</summary>
    public Action<string>? Warn { get; init; }
}
