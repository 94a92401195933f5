namespace EcsOps.Aws.Artifacts;

/// <summary>
/// Moving an artifact to or from S3 failed for a reason that is not an AWS error answer (too many parts, a short
/// read). Deliberately not an <see cref="IOException"/>: the exec runner treats those from its output as a reader
/// that went away.
/// </summary>
public sealed class ArtifactTransferException : Exception
{
    public ArtifactTransferException()
        : this("the S3 transfer failed")
    {
    }

    public ArtifactTransferException(string message)
        : base(message)
    {
    }

    public ArtifactTransferException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
