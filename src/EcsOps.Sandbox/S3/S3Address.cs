using EcsOps.Aws.Signing;

namespace EcsOps.Sandbox.S3;

/// <summary>
/// The bucket and key a request addresses. Virtual-hosted style puts the bucket in the Host
/// (<c>bucket.localhost:port</c>, <c>bucket.s3.&lt;anything&gt;</c>); path style puts it first in the path.
/// </summary>
public readonly record struct S3Address(string? Bucket, string? Key)
{
    public static S3Address Resolve(string host, string rawPath)
    {
        var hostName = HostWithoutPort(host).ToLowerInvariant();
        var path = AwsUriEncoding.Decode(rawPath);
        var virtualBucket = VirtualHostBucket(hostName);
        if (virtualBucket is not null)
        {
            var key = path.Length > 1 ? path[1..] : null;
            return new S3Address(virtualBucket, key);
        }

        var trimmed = path.StartsWith('/') ? path[1..] : path;
        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? trimmed : trimmed[..slash];
        var objectKey = slash < 0 ? null : trimmed[(slash + 1)..];
        return new S3Address(bucket.Length == 0 ? null : bucket, string.IsNullOrEmpty(objectKey) ? null : objectKey);
    }

    private static string? VirtualHostBucket(string hostName)
    {
        // The service endpoint itself (s3.localhost, s3.us-east-1.amazonaws.com) names no bucket.
        if (hostName.StartsWith("s3.", StringComparison.Ordinal) || hostName.StartsWith("s3-", StringComparison.Ordinal))
        {
            return null;
        }

        foreach (var marker in new[] { ".s3.", ".s3-" })
        {
            var index = hostName.IndexOf(marker, StringComparison.Ordinal);
            if (index > 0)
            {
                return hostName[..index];
            }
        }

        const string localhost = ".localhost";
        return hostName.EndsWith(localhost, StringComparison.Ordinal) && hostName.Length > localhost.Length
            ? hostName[..^localhost.Length]
            : null;
    }

    private static string HostWithoutPort(string host)
    {
        if (host.StartsWith('['))
        {
            var close = host.IndexOf(']', StringComparison.Ordinal);
            return close < 0 ? host : host[..(close + 1)];
        }

        var colon = host.LastIndexOf(':');
        return colon < 0 ? host : host[..colon];
    }
}
