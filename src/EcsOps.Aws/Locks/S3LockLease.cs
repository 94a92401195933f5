using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using EcsOps.Aws.Http;

namespace EcsOps.Aws.Locks;

/// <summary>A scope held by this run until <see cref="ReleaseAsync"/> (or its expiry).</summary>
public sealed class S3LockLease
{
    private readonly IAmazonS3 _s3;
    private readonly string _bucket;
    private int _released;

    internal S3LockLease(IAmazonS3 s3, string bucket, string key, string etag, LockRecord record, LockRecord? takenOverFrom)
    {
        _s3 = s3;
        _bucket = bucket;
        Key = key;
        ETag = etag;
        Record = record;
        TakenOverFrom = takenOverFrom;
    }

    public string Key { get; }

    /// <summary>The ETag of our lock object; the release is conditional on it.</summary>
    public string ETag { get; }

    public LockRecord Record { get; }

    /// <summary>The stale lock this lease replaced; null when the scope was free.</summary>
    public LockRecord? TakenOverFrom { get; }

    /// <summary>
    /// Deletes the lock object if it is still ours. False when it no longer was (it expired and another run took it
    /// over, or it was removed by hand); true when released.
    /// </summary>
    public async Task<bool> ReleaseAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _released, 1) != 0)
        {
            return true;
        }

        try
        {
            await _s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _bucket, Key = Key, IfMatch = ETag }, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception error) when (error.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            return false;
        }
        catch (AmazonServiceException error)
        {
            throw SdkErrors.Translate(error);
        }
    }
}
