using EcsOps.Aws.S3;

namespace EcsOps.Aws.Artifacts;

/// <summary>
/// An <c>s3://bucket/key</c> address: an object when <see cref="Key"/> names one, a prefix (folder) when it is empty or
/// ends with <c>/</c>.
/// </summary>
public sealed record S3Url
{
    private const string Scheme = "s3://";

    public S3Url(string bucket, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        ArgumentNullException.ThrowIfNull(key);
        Bucket = bucket;
        Key = key;
    }

    public string Bucket { get; }

    /// <summary>The object key, or the prefix; never starts with <c>/</c>.</summary>
    public string Key { get; }

    /// <summary>Parses <c>s3://bucket[/key]</c> (as <see cref="S3Prefix"/> does; a trailing slash is dropped).</summary>
    /// <exception cref="FormatException">Not an s3:// address with a bucket name.</exception>
    public static S3Url Parse(string text)
    {
        var prefix = S3Prefix.Parse(text);
        return new S3Url(prefix.Bucket, prefix.Prefix);
    }

    /// <summary>An object under this prefix: <c>prefix/name</c> (no doubled slash).</summary>
    public S3Url Child(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new S3Url(Bucket, Key.Length == 0 || Key.EndsWith('/') ? Key + name : $"{Key}/{name}");
    }

    /// <summary>A sibling object whose key is this key plus <paramref name="suffix"/>.</summary>
    public S3Url WithSuffix(string suffix) => new(Bucket, Key + suffix);

    /// <summary>The prefix to list for this folder: the key with one trailing <c>/</c>, or empty for the whole bucket.</summary>
    public string FolderPrefix => Key.Length == 0 || Key.EndsWith('/') ? Key : Key + "/";

    /// <summary>The last path segment of the key.</summary>
    public string FileName => Key[(Key.LastIndexOf('/') + 1)..];

    public override string ToString() => Key.Length == 0 ? $"{Scheme}{Bucket}" : $"{Scheme}{Bucket}/{Key}";
}
