namespace EcsOps.Aws.Artifacts;

/// <summary>
/// An object copied to a private temporary file (mode 0600, removed when disposed), with the length and SHA-256 of
/// the bytes received. <see cref="Content"/> reads the file from the start; it is the only handle, so what was hashed
/// is what will be read.
/// </summary>
public sealed class DownloadedObject(S3ObjectHead head, FileStream content, long size, string sha256) : IAsyncDisposable
{
    public S3ObjectHead Head { get; } = head;

    public Stream Content { get; } = content;

    public long Size { get; } = size;

    /// <summary>Lowercase hex.</summary>
    public string Sha256 { get; } = sha256;

    public ValueTask DisposeAsync() => content.DisposeAsync();
}
