namespace EcsOps.Aws.Audit.Transcripts;

/// <summary>One event line of an asciicast v2 file: <c>[seconds, code, data]</c>.</summary>
/// <param name="Seconds">Time since the recording started.</param>
/// <param name="Code"><c>o</c> output, <c>i</c> input, <c>r</c> resize (<c>COLSxROWS</c>), <c>m</c> marker.</param>
/// <param name="Data">The text.</param>
public sealed record AsciicastEvent(double Seconds, string Code, string Data)
{
    public const string Output = "o";
    public const string Input = "i";
    public const string Resize = "r";
}
