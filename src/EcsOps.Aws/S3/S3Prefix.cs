using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.RegularExpressions;

namespace EcsOps.Aws.S3;

/// <summary>
/// A place in S3 written as <c>s3://bucket/prefix</c>: a bucket and a key prefix (no leading slash, empty for the
/// bucket's root). <see cref="Key"/> appends a name below the prefix.
/// </summary>
public sealed partial record S3Prefix
{
    private S3Prefix(string bucket, string prefix)
    {
        Bucket = bucket;
        Prefix = prefix;
    }

    public string Bucket { get; }

    /// <summary>The key prefix without a trailing slash; empty for the bucket's root.</summary>
    public string Prefix { get; }

    /// <summary>Reads <c>s3://bucket[/prefix]</c>.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out S3Prefix? parsed, [NotNullWhen(false)] out string? problem)
    {
        parsed = null;
        const string scheme = "s3://";
        if (text is null || !text.StartsWith(scheme, StringComparison.Ordinal))
        {
            problem = $"'{text}' is not an S3 location (s3://bucket/prefix)";
            return false;
        }

        var rest = text[scheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        var prefix = slash < 0 ? "" : rest[(slash + 1)..].TrimEnd('/');
        if (!BucketName().IsMatch(bucket) || bucket.Contains("..", StringComparison.Ordinal))
        {
            problem = $"'{bucket}' is not an S3 bucket name (3-63 of a-z, 0-9, '.', '-', starting and ending with a letter or digit)";
            return false;
        }

        if (Encoding.UTF8.GetByteCount(prefix) > 900 || prefix.Any(char.IsControl))
        {
            problem = $"the key prefix of '{text}' is too long or has control characters";
            return false;
        }

        parsed = new S3Prefix(bucket, prefix);
        problem = null;
        return true;
    }

    /// <exception cref="FormatException">The text is not an S3 location.</exception>
    public static S3Prefix Parse(string text) =>
        TryParse(text, out var parsed, out var problem) ? parsed : throw new FormatException(problem);

    /// <summary>The key of <paramref name="name"/> below the prefix.</summary>
    public string Key(string name) => Prefix.Length == 0 ? name : Prefix + "/" + name;

    /// <summary><c>s3://bucket/key</c> of <paramref name="name"/> below the prefix.</summary>
    public string Uri(string name) => $"s3://{Bucket}/{Key(name)}";

    public override string ToString() => Prefix.Length == 0 ? $"s3://{Bucket}" : $"s3://{Bucket}/{Prefix}";

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();
}
