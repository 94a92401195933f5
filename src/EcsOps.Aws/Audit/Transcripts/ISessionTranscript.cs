namespace EcsOps.Aws.Audit.Transcripts;

/// <summary>What an interactive session reports to its recording; calls are cheap and never throw.</summary>
public interface ISessionTranscript
{
    /// <summary>Bytes the remote side printed (as shown on the operator's terminal).</summary>
    void Output(ReadOnlySpan<byte> bytes);

    /// <summary>Bytes the operator typed; dropped unless input recording is on.</summary>
    void Input(ReadOnlySpan<byte> bytes);

    /// <summary>The terminal now has this size.</summary>
    void Resize(int columns, int rows);
}
