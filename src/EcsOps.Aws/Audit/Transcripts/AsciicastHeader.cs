namespace EcsOps.Aws.Audit.Transcripts;

/// <summary>The first line of an asciicast v2 file.</summary>
/// <param name="Width">Terminal columns.</param>
/// <param name="Height">Terminal rows.</param>
/// <param name="Timestamp">When the recording started (the file stores Unix seconds).</param>
/// <param name="Environment">Variables worth knowing for playback: TERM, SHELL.</param>
/// <param name="Title">What was recorded.</param>
public sealed record AsciicastHeader(int Width, int Height, DateTimeOffset Timestamp, IReadOnlyDictionary<string, string> Environment, string? Title)
{
    public const int Version = 2;
}
