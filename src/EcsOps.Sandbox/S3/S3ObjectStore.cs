using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EcsOps.Sandbox.World;

namespace EcsOps.Sandbox.S3;

/// <summary>
/// Buckets and objects on disk under <c>&lt;data&gt;/s3</c>, with an in-memory index of keys for listing.
/// Object data is written to a temporary file while it streams in and moved into place only when complete,
/// so readers never see a partial object and memory use does not depend on object size.
/// </summary>
/// <remarks>
/// Layout: <c>buckets/&lt;bucket&gt;/bucket.json</c>; <c>buckets/&lt;bucket&gt;/objects/&lt;sha256(key)&gt;.data</c> and
/// <c>.json</c> (the <see cref="S3ObjectRecord"/>); <c>uploads/&lt;uploadId&gt;/&lt;part&gt;.part</c> for multipart
/// uploads in progress (not kept across restarts); <c>tmp/</c> for bodies being received.
/// </remarks>
public sealed class S3ObjectStore
{
    private readonly Lock _gate = new();
    private readonly string _bucketsDirectory;
    private readonly string _uploadsDirectory;
    private readonly string _tempDirectory;
    private readonly TimeProvider _timeProvider;
    private readonly Dictionary<string, BucketIndex> _buckets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UploadState> _uploads = new(StringComparer.Ordinal);

    public S3ObjectStore(string dataDirectory, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        var root = Path.Combine(dataDirectory, "s3");
        _bucketsDirectory = Path.Combine(root, "buckets");
        _uploadsDirectory = Path.Combine(root, "uploads");
        _tempDirectory = Path.Combine(root, "tmp");
        Directory.CreateDirectory(_bucketsDirectory);
        ClearDirectory(_uploadsDirectory);
        ClearDirectory(_tempDirectory);
        LoadIndex();
    }

    public S3BucketRecord? FindBucket(string name)
    {
        lock (_gate)
        {
            return _buckets.GetValueOrDefault(name)?.Bucket;
        }
    }

    public IReadOnlyList<S3BucketRecord> ListBuckets(string accountId)
    {
        lock (_gate)
        {
            return [.. _buckets.Values.Select(b => b.Bucket).Where(b => b.OwnerAccountId == accountId).OrderBy(b => b.Name, StringComparer.Ordinal)];
        }
    }

    /// <summary>Creates a bucket; returns the existing record when the name is taken (the caller decides the error).</summary>
    public (S3BucketRecord Bucket, bool Created) CreateBucket(string name, string accountId, string region)
    {
        lock (_gate)
        {
            if (_buckets.TryGetValue(name, out var existing))
            {
                return (existing.Bucket, false);
            }

            var bucket = new S3BucketRecord(name, accountId, region, _timeProvider.GetUtcNow());
            var directory = Path.Combine(_bucketsDirectory, name);
            Directory.CreateDirectory(Path.Combine(directory, "objects"));
            File.WriteAllBytes(Path.Combine(directory, "bucket.json"), JsonSerializer.SerializeToUtf8Bytes(bucket, S3StorageJsonContext.Default.S3BucketRecord));
            _buckets[name] = new BucketIndex(bucket);
            return (bucket, true);
        }
    }

    /// <summary>Creates the buckets a world declares that do not exist yet (a data directory may be reused).</summary>
    public void CreateWorldBuckets(WorldDefinition world)
    {
        ArgumentNullException.ThrowIfNull(world);
        foreach (var account in world.Accounts)
        {
            foreach (var bucket in account.Buckets)
            {
                CreateBucket(bucket.Name, account.Id, bucket.Region ?? world.Regions[0]);
            }
        }
    }

    /// <summary>Deletes an empty bucket; false when it still holds objects.</summary>
    public bool DeleteBucket(string name)
    {
        lock (_gate)
        {
            if (!_buckets.TryGetValue(name, out var index))
            {
                return true;
            }

            if (index.Objects.Count > 0)
            {
                return false;
            }

            _buckets.Remove(name);
            Directory.Delete(Path.Combine(_bucketsDirectory, name), recursive: true);
            return true;
        }
    }

    public S3ObjectRecord? FindObject(string bucket, string key)
    {
        lock (_gate)
        {
            return _buckets.GetValueOrDefault(bucket)?.Objects.GetValueOrDefault(key);
        }
    }

    /// <summary>Every object of a bucket whose key starts with <paramref name="prefix"/>, in key order.</summary>
    public IReadOnlyList<S3ObjectRecord> ListObjects(string bucket, string prefix)
    {
        lock (_gate)
        {
            return _buckets.TryGetValue(bucket, out var index)
                ? [.. index.Objects.Values.Where(o => o.Key.StartsWith(prefix, StringComparison.Ordinal))]
                : [];
        }
    }

    /// <summary>Opens an object's data for reading; null when it was deleted meanwhile.</summary>
    public FileStream? OpenRead(S3ObjectRecord record)
    {
        try
        {
            return new FileStream(DataPath(record.Bucket, record.Key), new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.ReadWrite | FileShare.Delete,
                Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
            });
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Stores an object: <paramref name="writeBody"/> streams the body into a temporary file and reports its
    /// digest; the file then replaces any previous object under the key.
    /// </summary>
    /// <param name="precondition">
    /// Checked under the store's lock just before the object is replaced, with the object the key holds then (null
    /// for none); an exception it returns is thrown instead of committing (conditional writes).
    /// </param>
    public async Task<S3ObjectRecord> PutObjectAsync(
        string bucket,
        string key,
        S3ObjectAttributes attributes,
        Func<Stream, Task<BodyDigest>> writeBody,
        CancellationToken cancellationToken,
        Func<S3ObjectRecord?, Exception?>? precondition = null)
    {
        var temp = await ReceiveAsync(writeBody, cancellationToken);
        return Commit(bucket, key, temp.Path, precondition, new S3ObjectRecord
        {
            Bucket = bucket,
            Key = key,
            Size = temp.Digest.Length,
            ETag = Quote(temp.Digest.Md5Hex),
            LastModified = _timeProvider.GetUtcNow(),
            Attributes = attributes,
        });
    }

    /// <param name="precondition">Checked under the store's lock with the object the key holds (conditional deletes).</param>
    public bool DeleteObject(string bucket, string key, Func<S3ObjectRecord?, Exception?>? precondition = null)
    {
        lock (_gate)
        {
            if (precondition?.Invoke(_buckets.GetValueOrDefault(bucket)?.Objects.GetValueOrDefault(key)) is { } failed)
            {
                throw failed;
            }

            if (!_buckets.TryGetValue(bucket, out var index) || !index.Objects.Remove(key))
            {
                return false;
            }

            File.Delete(DataPath(bucket, key));
            File.Delete(RecordPath(bucket, key));
            return true;
        }
    }

    public S3UploadRecord CreateUpload(string bucket, string key, string accountId, S3ObjectAttributes attributes)
    {
        var upload = new S3UploadRecord(
            Convert.ToBase64String(RandomNumberGenerator.GetBytes(36)).Replace('+', '-').Replace('/', '_'),
            bucket, key, accountId, attributes, _timeProvider.GetUtcNow());
        Directory.CreateDirectory(Path.Combine(_uploadsDirectory, upload.UploadId));
        lock (_gate)
        {
            _uploads[upload.UploadId] = new UploadState(upload);
        }

        return upload;
    }

    public S3UploadRecord? FindUpload(string bucket, string key, string uploadId)
    {
        lock (_gate)
        {
            return _uploads.GetValueOrDefault(uploadId)?.Upload is { } upload && upload.Bucket == bucket && upload.Key == key ? upload : null;
        }
    }

    /// <summary>The multipart uploads in progress in a bucket whose key starts with <paramref name="prefix"/>, by key then start time.</summary>
    public IReadOnlyList<S3UploadRecord> ListUploads(string bucket, string prefix)
    {
        lock (_gate)
        {
            return [.. _uploads.Values.Select(u => u.Upload)
                .Where(u => u.Bucket == bucket && u.Key.StartsWith(prefix, StringComparison.Ordinal))
                .OrderBy(u => u.Key, StringComparer.Ordinal).ThenBy(u => u.Initiated)];
        }
    }

    /// <summary>Stores one part (replacing an earlier upload of the same part number).</summary>
    public async Task<S3PartRecord?> PutPartAsync(
        string uploadId, int partNumber, Func<Stream, Task<BodyDigest>> writeBody, CancellationToken cancellationToken)
    {
        var temp = await ReceiveAsync(writeBody, cancellationToken);
        var part = new S3PartRecord(partNumber, temp.Digest.Length, Quote(temp.Digest.Md5Hex), temp.Digest.Md5, _timeProvider.GetUtcNow());
        lock (_gate)
        {
            if (!_uploads.TryGetValue(uploadId, out var state))
            {
                File.Delete(temp.Path);
                return null;
            }

            File.Move(temp.Path, PartPath(uploadId, partNumber), overwrite: true);
            state.Parts[partNumber] = part;
            return part;
        }
    }

    /// <summary>The parts uploaded so far, by part number; null when the upload does not exist.</summary>
    public IReadOnlyDictionary<int, S3PartRecord>? PartsOf(string uploadId)
    {
        lock (_gate)
        {
            return _uploads.TryGetValue(uploadId, out var state) ? new Dictionary<int, S3PartRecord>(state.Parts) : null;
        }
    }

    /// <summary>
    /// Concatenates the chosen parts into the object (streamed, part by part) and ends the upload. The ETag is
    /// the MD5 of the parts' binary MD5s, followed by <c>-&lt;part count&gt;</c>, as S3 computes it.
    /// </summary>
    public async Task<S3ObjectRecord> CompleteUploadAsync(S3UploadRecord upload, IReadOnlyList<S3PartRecord> parts, CancellationToken cancellationToken)
    {
        var tempPath = Path.Combine(_tempDirectory, Guid.NewGuid().ToString("N"));
        using var etagHash = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        long size = 0;
        try
        {
            await using (var output = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                foreach (var part in parts)
                {
                    await using var input = new FileStream(PartPath(upload.UploadId, part.PartNumber), FileMode.Open, FileAccess.Read,
                        FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
                    await input.CopyToAsync(output, cancellationToken);
                    etagHash.AppendData(part.Md5);
                    size += part.Size;
                }
            }
        }
        catch
        {
            File.Delete(tempPath);
            throw;
        }

        var record = new S3ObjectRecord
        {
            Bucket = upload.Bucket,
            Key = upload.Key,
            Size = size,
            ETag = Quote($"{Convert.ToHexStringLower(etagHash.GetHashAndReset())}-{parts.Count}"),
            LastModified = _timeProvider.GetUtcNow(),
            Attributes = upload.Attributes,
            PartsCount = parts.Count,
        };
        var committed = Commit(upload.Bucket, upload.Key, tempPath, precondition: null, record);
        AbortUpload(upload.UploadId);
        return committed;
    }

    public bool AbortUpload(string uploadId)
    {
        lock (_gate)
        {
            if (!_uploads.Remove(uploadId))
            {
                return false;
            }
        }

        Directory.Delete(Path.Combine(_uploadsDirectory, uploadId), recursive: true);
        return true;
    }

    private async Task<(string Path, BodyDigest Digest)> ReceiveAsync(Func<Stream, Task<BodyDigest>> writeBody, CancellationToken cancellationToken)
    {
        var tempPath = Path.Combine(_tempDirectory, Guid.NewGuid().ToString("N"));
        try
        {
            BodyDigest digest;
            await using (var file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                digest = await writeBody(file);
                await file.FlushAsync(cancellationToken);
            }

            return (tempPath, digest);
        }
        catch
        {
            File.Delete(tempPath);
            throw;
        }
    }

    private S3ObjectRecord Commit(string bucket, string key, string tempPath, Func<S3ObjectRecord?, Exception?>? precondition, S3ObjectRecord record)
    {
        lock (_gate)
        {
            if (!_buckets.TryGetValue(bucket, out var index))
            {
                File.Delete(tempPath);
                throw new InvalidOperationException($"bucket {bucket} vanished during the upload");
            }

            if (precondition?.Invoke(index.Objects.GetValueOrDefault(key)) is { } failed)
            {
                File.Delete(tempPath);
                throw failed;
            }

            File.Move(tempPath, DataPath(bucket, key), overwrite: true);
            File.WriteAllBytes(RecordPath(bucket, key), JsonSerializer.SerializeToUtf8Bytes(record, S3StorageJsonContext.Default.S3ObjectRecord));
            index.Objects[key] = record;
            return record;
        }
    }

    private void LoadIndex()
    {
        foreach (var directory in Directory.EnumerateDirectories(_bucketsDirectory))
        {
            var bucketFile = Path.Combine(directory, "bucket.json");
            if (!File.Exists(bucketFile)
                || JsonSerializer.Deserialize(File.ReadAllBytes(bucketFile), S3StorageJsonContext.Default.S3BucketRecord) is not { } bucket)
            {
                continue;
            }

            var index = new BucketIndex(bucket);
            foreach (var recordFile in Directory.EnumerateFiles(Path.Combine(directory, "objects"), "*.json"))
            {
                if (JsonSerializer.Deserialize(File.ReadAllBytes(recordFile), S3StorageJsonContext.Default.S3ObjectRecord) is { } record
                    && File.Exists(Path.ChangeExtension(recordFile, ".data")))
                {
                    index.Objects[record.Key] = record;
                }
            }

            _buckets[bucket.Name] = index;
        }
    }

    private string DataPath(string bucket, string key) => Path.Combine(_bucketsDirectory, bucket, "objects", KeyFileName(key) + ".data");

    private string RecordPath(string bucket, string key) => Path.Combine(_bucketsDirectory, bucket, "objects", KeyFileName(key) + ".json");

    private string PartPath(string uploadId, int partNumber) => Path.Combine(_uploadsDirectory, uploadId, $"{partNumber:D5}.part");

    // Keys may hold any UTF-8 (slashes, dots, "..") so files are named by the key's hash instead.
    private static string KeyFileName(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Quote(string etag) => $"\"{etag}\"";

    private static void ClearDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }

        Directory.CreateDirectory(path);
    }

    private sealed class BucketIndex(S3BucketRecord bucket)
    {
        public S3BucketRecord Bucket { get; } = bucket;
        public SortedDictionary<string, S3ObjectRecord> Objects { get; } = new(StringComparer.Ordinal);
    }

    private sealed class UploadState(S3UploadRecord upload)
    {
        public S3UploadRecord Upload { get; } = upload;
        public Dictionary<int, S3PartRecord> Parts { get; } = [];
    }
}
