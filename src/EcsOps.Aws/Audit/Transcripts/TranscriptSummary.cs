namespace EcsOps.Aws.Audit.Transcripts;

/// <summary>What a finished recording stored.</summary>
/// <param name="Parts">URIs of the stored parts, in order.</param>
/// <param name="Failures">One line per part that could not be stored.</param>
public sealed record TranscriptSummary(IReadOnlyList<string> Parts, IReadOnlyList<string> Failures);
