namespace EcsOps.Runbooks.Postgres;

/// <summary>
/// The small object written next to a dump, at <c>&lt;dump key&gt;.sha256</c>, once the dump is complete: its body is
/// one <c>sha256sum</c> line (<c>sha256sum -c</c> checks a downloaded pair), its metadata repeats the hash and size and
/// carries what the dump's own metadata has. It is the backup's commit mark: a dump without one is incomplete.
/// </summary>
/// <remarks>
/// Why a second object and not the dump's own metadata: the hash is known only after the last byte, and S3 fixes
/// metadata when the upload starts. Rewriting it afterwards means CopyObject onto itself, which on a versioned or
/// Object Lock bucket (usual for backups) keeps a second full copy of the dump, and needs a multipart copy above
/// 5 GiB. A manifest costs one small PUT.
/// </remarks>
public sealed record BackupManifest(string Sha256, string FileName)
{
    /// <summary>What is appended to the dump's key.</summary>
    public const string Suffix = ".sha256";

    /// <summary>A manifest is one line; anything bigger is not ours.</summary>
    public const int MaxBytes = 4096;

    public string ToText() => $"{Sha256}  {FileName}\n";

    /// <summary>Reads the <c>sha256sum</c> line.</summary>
    /// <exception cref="FormatException">Not a SHA-256 line.</exception>
    public static BackupManifest Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = text.Split('\n')[0].TrimEnd('\r');
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        var hash = space < 0 ? line : line[..space];
        if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigit))
        {
            throw new FormatException("the manifest does not start with a SHA-256 in hex");
        }

        var name = space < 0 ? "" : line[(space + 1)..].TrimStart(' ', '*');
        return new BackupManifest(hash.ToLowerInvariant(), name);
    }
}
