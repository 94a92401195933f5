namespace EcsOps.Aws.Config;

/// <summary><c>audit.transcripts</c>: where interactive sessions are recorded (asciicast v2 parts in S3).</summary>
/// <param name="Bucket">The S3 bucket.</param>
public sealed record TranscriptsConfig(string Bucket)
{
    public const string DefaultPrefix = "ecsops/transcripts/";

    public const long DefaultPartSize = 1024 * 1024;

    public static readonly TimeSpan DefaultPartInterval = TimeSpan.FromMinutes(1);

    /// <summary>Key prefix; each run's parts are <c>&lt;prefix&gt;&lt;run id&gt;/part-00001.cast</c>, ….</summary>
    public string Prefix { get; init; } = DefaultPrefix;

    /// <summary>The bucket's region; the home region when null.</summary>
    public string? Region { get; init; }

    /// <summary>The bucket's account (name or id); your own account when null.</summary>
    public string? Account { get; init; }

    /// <summary>Also record what the operator types ("i" events). Off by default: typed passwords would be stored.</summary>
    public bool RecordInput { get; init; }

    /// <summary>A part is stored once it holds this many bytes…</summary>
    public long PartSize { get; init; } = DefaultPartSize;

    /// <summary>…or is this old, so a killed client loses at most one part.</summary>
    public TimeSpan PartInterval { get; init; } = DefaultPartInterval;

    /// <summary>SSE-KMS key for the parts; the bucket's default encryption when null.</summary>
    public string? KmsKeyId { get; init; }
}
