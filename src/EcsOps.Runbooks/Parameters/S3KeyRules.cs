using System.Text;
using System.Text.RegularExpressions;

namespace EcsOps.Runbooks.Parameters;

/// <summary>
/// What an <c>s3-key</c> parameter accepts: a key of 1 to 1024 UTF-8 bytes, or <c>s3://bucket/key</c>. Stricter than
/// S3 itself where S3's freedom only invites mistakes: no control characters, no backslash, no leading <c>/</c>, no
/// empty, <c>.</c> or <c>..</c> path segments (so no <c>//</c> and no trailing <c>/</c>).
/// </summary>
public static partial class S3KeyRules
{
    public const int MaxKeyBytes = 1024;

    /// <summary>Null when <paramref name="value"/> is acceptable; else what is wrong.</summary>
    public static string? Check(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var key = value;
        if (value.StartsWith("s3://", StringComparison.Ordinal))
        {
            var rest = value["s3://".Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            var bucket = slash < 0 ? rest : rest[..slash];
            if (!BucketName().IsMatch(bucket) || bucket.Contains("..", StringComparison.Ordinal))
            {
                return $"'{bucket}' is not an S3 bucket name";
            }

            if (slash < 0 || slash == rest.Length - 1)
            {
                return "an s3:// URI needs a key after the bucket (s3://bucket/key)";
            }

            key = rest[(slash + 1)..];
        }

        if (key.Length == 0)
        {
            return "an S3 key cannot be empty";
        }

        if (Encoding.UTF8.GetByteCount(key) > MaxKeyBytes)
        {
            return $"an S3 key has at most {MaxKeyBytes} bytes";
        }

        if (key.Any(char.IsControl) || key.Contains('\\', StringComparison.Ordinal))
        {
            return "an S3 key here cannot contain control characters or backslashes";
        }

        if (key.StartsWith('/'))
        {
            return "an S3 key cannot start with '/'";
        }

        return key.Split('/').Any(segment => segment is "" or "." or "..")
            ? "an S3 key here cannot have empty, '.' or '..' segments (no '//', no trailing '/')"
            : null;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();
}
