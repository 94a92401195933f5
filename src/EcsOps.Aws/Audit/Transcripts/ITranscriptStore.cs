namespace EcsOps.Aws.Audit.Transcripts;

/// <summary>Where transcript parts are kept: numbered objects per run.</summary>
public interface ITranscriptStore
{
    /// <summary>Stores part <paramref name="partNumber"/> of a run; returns its URI (<c>s3://bucket/key</c>).</summary>
    Task<string> PutAsync(string runId, int partNumber, byte[] content, CancellationToken cancellationToken);

    /// <summary>The URIs of a run's parts, in part order; empty when there are none.</summary>
    Task<IReadOnlyList<string>> ListAsync(string runId, CancellationToken cancellationToken);

    /// <summary>One part's bytes by URI.</summary>
    Task<byte[]> GetAsync(string uri, CancellationToken cancellationToken);
}
