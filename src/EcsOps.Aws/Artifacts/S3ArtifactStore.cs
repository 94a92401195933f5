using System.Buffers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using EcsOps.Aws.Http;

namespace EcsOps.Aws.Artifacts;

/// <summary>
/// The S3 operations artifacts (database dumps and their manifests) need, over one SDK client, with failures as our
/// typed exceptions (<see cref="AwsServiceException"/>, <see cref="AwsConnectionException"/>,
/// <see cref="ArtifactTransferException"/>). Transfers stream with bounded memory whatever the object size.
/// Disposing disposes the client.
/// </summary>
public sealed class S3ArtifactStore(IAmazonS3 s3) : IDisposable
{
    private const string MetadataPrefix = "x-amz-meta-";
    private const int CopyBufferLength = 128 * 1024;

    public IAmazonS3 Client => s3;

    public void Dispose() => s3.Dispose();

    /// <summary>Starts a streaming upload; nothing is sent until the first part fills.</summary>
    /// <param name="progress">Told the bytes written so far after every write.</param>
    public S3MultipartUploadStream StartUpload(
        S3Url location, IReadOnlyDictionary<string, string> metadata, IProgress<long>? progress = null,
        int partSize = S3MultipartUploadStream.DefaultPartSize) =>
        new(s3, location, metadata, partSize: partSize, progress: progress);

    /// <summary>
    /// HeadBucket: false when the bucket does not exist, null when that cannot be told (no s3:ListBucket permission,
    /// which writing objects does not need).
    /// </summary>
    public async Task<bool?> BucketExistsAsync(string bucket, CancellationToken cancellationToken)
    {
        try
        {
            await ArtifactCalls.RunAsync(() => s3.HeadBucketAsync(new HeadBucketRequest { BucketName = bucket }, cancellationToken), $"checking bucket {bucket}");
            return true;
        }
        catch (AwsServiceException error) when (error.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
        catch (AwsServiceException error) when (error.StatusCode == System.Net.HttpStatusCode.Forbidden)
        {
            return null;
        }
    }

    /// <summary>HEAD; null when the object does not exist.</summary>
    public async Task<S3ObjectHead?> HeadAsync(S3Url location, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        try
        {
            var response = await ArtifactCalls.RunAsync(
                () => s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = location.Bucket, Key = location.Key }, cancellationToken),
                $"reading {location}");
            return new S3ObjectHead(location, response.ContentLength, ToOffset(response.LastModified), response.ETag, Metadata(response.Metadata));
        }
        catch (AwsServiceException error) when (IsMissingObject(error))
        {
            return null;
        }
    }

    /// <summary>GET of a small text object (UTF-8); null when it does not exist.</summary>
    /// <exception cref="ArtifactTransferException">The object is larger than <paramref name="maxBytes"/>.</exception>
    public async Task<S3TextObject?> GetTextAsync(S3Url location, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        try
        {
            using var response = await ArtifactCalls.RunAsync(
                () => s3.GetObjectAsync(new GetObjectRequest { BucketName = location.Bucket, Key = location.Key }, cancellationToken),
                $"reading {location}");
            if (response.ContentLength > maxBytes)
            {
                throw new ArtifactTransferException($"{location} is {response.ContentLength} bytes; a manifest has at most {maxBytes}");
            }

            using var text = new StreamReader(response.ResponseStream, Encoding.UTF8);
            var head = new S3ObjectHead(location, response.ContentLength, ToOffset(response.LastModified), response.ETag, Metadata(response.Metadata));
            return new S3TextObject(head, await text.ReadToEndAsync(cancellationToken));
        }
        catch (AwsServiceException error) when (IsMissingObject(error))
        {
            return null;
        }
    }

    /// <summary>PUT of a small text object (UTF-8) with user metadata.</summary>
    public async Task PutTextAsync(
        S3Url location, string text, IReadOnlyDictionary<string, string> metadata, string contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(metadata);
        var request = new PutObjectRequest
        {
            BucketName = location.Bucket,
            Key = location.Key,
            ContentBody = text,
            ContentType = contentType,
        };
        foreach (var (name, value) in metadata)
        {
            request.Metadata[name] = value;
        }

        await ArtifactCalls.RunAsync(() => s3.PutObjectAsync(request, cancellationToken), $"writing {location}");
    }

    public async Task DeleteAsync(S3Url location, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        await ArtifactCalls.RunAsync(
            () => s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = location.Bucket, Key = location.Key }, cancellationToken),
            $"deleting {location}");
    }

    /// <summary>Every object whose key starts with <paramref name="prefix"/>, page by page (ListObjectsV2).</summary>
    public async IAsyncEnumerable<S3ListedObject> ListAsync(
        string bucket, string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? continuation = null;
        do
        {
            var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix, ContinuationToken = continuation };
            var page = await ArtifactCalls.RunAsync(() => s3.ListObjectsV2Async(request, cancellationToken), $"listing s3://{bucket}/{prefix}");
            foreach (var entry in page.S3Objects ?? [])
            {
                yield return new S3ListedObject(new S3Url(bucket, entry.Key), entry.Size ?? 0, ToOffset(entry.LastModified));
            }

            continuation = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (continuation is not null);
    }

    /// <summary>
    /// Copies an object into a private temporary file in <paramref name="directory"/> while hashing it, with one
    /// small buffer whatever the size. The caller compares <see cref="DownloadedObject.Sha256"/> with what it expects
    /// before using <see cref="DownloadedObject.Content"/>.
    /// </summary>
    /// <exception cref="AwsServiceException">The object is missing (<c>NoSuchKey</c>) or S3 refused.</exception>
    /// <exception cref="ArtifactTransferException">The body ended before its announced length.</exception>
    public async Task<DownloadedObject> DownloadAsync(
        S3Url location, string directory, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        var file = CreatePrivateTempFile(directory);
        try
        {
            using var response = await ArtifactCalls.RunAsync(
                () => s3.GetObjectAsync(new GetObjectRequest { BucketName = location.Bucket, Key = location.Key }, cancellationToken),
                $"downloading {location}");
            var head = new S3ObjectHead(location, response.ContentLength, ToOffset(response.LastModified), response.ETag, Metadata(response.Metadata));
            var (size, sha256) = await CopyHashingAsync(response.ResponseStream, file, location, progress, cancellationToken);
            if (size != response.ContentLength)
            {
                throw new ArtifactTransferException($"downloading {location}: received {size} of {response.ContentLength} bytes");
            }

            await file.FlushAsync(cancellationToken);
            file.Position = 0;
            return new DownloadedObject(head, file, size, sha256);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>Reads an object to its end, hashing it without storing it: a check of what S3 holds.</summary>
    public async Task<(long Size, string Sha256)> HashAsync(S3Url location, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        using var response = await ArtifactCalls.RunAsync(
            () => s3.GetObjectAsync(new GetObjectRequest { BucketName = location.Bucket, Key = location.Key }, cancellationToken),
            $"reading {location}");
        return await CopyHashingAsync(response.ResponseStream, Stream.Null, location, progress, cancellationToken);
    }

    private static async Task<(long Size, string Sha256)> CopyHashingAsync(
        Stream source, Stream destination, S3Url location, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferLength);
        long size = 0;
        try
        {
            int read;
            while ((read = await ReadBodyAsync(source, buffer, location, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                size += read;
                progress?.Report(size);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return (size, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static async Task<int> ReadBodyAsync(Stream source, byte[] buffer, S3Url location, CancellationToken cancellationToken)
    {
        try
        {
            return await source.ReadAsync(buffer, cancellationToken);
        }
        catch (IOException error)
        {
            throw new ArtifactTransferException($"downloading {location}: the connection broke: {error.Message}", error);
        }
        catch (HttpRequestException error)
        {
            throw new AwsConnectionException($"downloading {location}: the connection broke: {error.Message}", error);
        }
    }

    private static FileStream CreatePrivateTempFile(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"ecsops-{Guid.NewGuid():N}.download");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous | FileOptions.DeleteOnClose | FileOptions.SequentialScan,
            BufferSize = 0,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(path, options);
    }

    private static bool IsMissingObject(AwsServiceException error) =>
        error.ErrorCode is "NoSuchKey" or "NotFound" || (error.StatusCode == System.Net.HttpStatusCode.NotFound && error.ErrorCode != "NoSuchBucket");

    private static Dictionary<string, string> Metadata(MetadataCollection metadata)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in metadata.Keys)
        {
            var bare = name.StartsWith(MetadataPrefix, StringComparison.OrdinalIgnoreCase) ? name[MetadataPrefix.Length..] : name;
            result[bare.ToLowerInvariant()] = metadata[name];
        }

        return result;
    }

    private static DateTimeOffset ToOffset(DateTime? time) =>
        time is { } value ? new DateTimeOffset(value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime()) : default;
}
