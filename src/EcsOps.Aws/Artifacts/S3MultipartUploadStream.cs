using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;

namespace EcsOps.Aws.Artifacts;

/// <summary>
/// A write-only stream into an S3 multipart upload, for data whose length is unknown up front (a pg_dump arriving
/// through a session). Memory stays bounded: one part fills while at most one other uploads, so a writer faster
/// than S3 waits (back-pressure) instead of buffering. The SHA-256 and length of everything written are computed on
/// the way. The upload is created with the first full part (or at <see cref="CompleteAsync"/>), so a writer that
/// fails before producing a part leaves nothing in S3; <see cref="AbortAsync"/> (or disposing without completing)
/// aborts an upload already created, so no parts are left behind either.
/// </summary>
/// <remarks>
/// Parts carry a CRC32 that S3 checks on arrival (declared on CreateMultipartUpload and repeated on Complete, the
/// combination S3 accepts for SDKs that checksum parts by default). With 8 MiB parts and S3's 10,000-part limit an
/// upload holds at most 80 GiB; larger dumps belong in a one-off task.
/// </remarks>
public sealed class S3MultipartUploadStream : Stream
{
    /// <summary>The default part size; S3 needs at least 5 MiB for every part but the last.</summary>
    public const int DefaultPartSize = 8 * 1024 * 1024;

    /// <summary>S3's limit on parts per upload.</summary>
    public const int MaxParts = 10_000;

    /// <summary>Bounds the AbortMultipartUpload of a failed upload, so a dead network cannot hang the exit.</summary>
    public static readonly TimeSpan AbortTimeout = TimeSpan.FromSeconds(30);

    private readonly IAmazonS3 _s3;
    private readonly IReadOnlyDictionary<string, string> _metadata;
    private readonly string _contentType;
    private readonly int _partSize;
    private readonly IProgress<long>? _progress;
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly List<PartETag> _parts = [];
    private readonly CancellationTokenSource _lifetime = new();
    private byte[] _filling;
    private int _filled;
    private Task<byte[]>? _inFlight;
    private string? _uploadId;
    private long _length;
    private long _uploadedBytes;
    private State _state;

    public S3MultipartUploadStream(
        IAmazonS3 s3, S3Url location, IReadOnlyDictionary<string, string> metadata, string contentType = "application/octet-stream",
        int partSize = DefaultPartSize, IProgress<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(s3);
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentOutOfRangeException.ThrowIfLessThan(partSize, 1);
        _s3 = s3;
        Location = location;
        _metadata = metadata;
        _contentType = contentType;
        _partSize = partSize;
        _progress = progress;
        _filling = new byte[partSize];
    }

    private enum State
    {
        Writing,
        Completed,
        Aborted,
    }

    public S3Url Location { get; }

    /// <summary>The upload id once the upload has been created; null before the first part.</summary>
    public string? UploadId => Volatile.Read(ref _uploadId);

    /// <summary>Bytes written so far.</summary>
    public long BytesWritten => Interlocked.Read(ref _length);

    /// <summary>Bytes S3 has acknowledged (whole parts).</summary>
    public long BytesUploaded => Interlocked.Read(ref _uploadedBytes);

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => _state == State.Writing;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesWritten;
        set => throw new NotSupportedException();
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        EnsureWriting();
        while (buffer.Length > 0)
        {
            var count = Math.Min(buffer.Length, _partSize - _filled);
            var chunk = buffer[..count];
            chunk.Span.CopyTo(_filling.AsSpan(_filled));
            _sha256.AppendData(chunk.Span);
            _filled += count;
            Interlocked.Add(ref _length, count);
            buffer = buffer[count..];
            if (_filled == _partSize)
            {
                await ShipFilledPartAsync(cancellationToken);
            }
        }

        _progress?.Report(_length);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Parts go out as they fill; there is nothing to flush before <see cref="CompleteAsync"/>.</summary>
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    /// <summary>Synchronous writes would block on S3; this stream takes asynchronous writes only.</summary>
    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("S3MultipartUploadStream takes asynchronous writes only");

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Uploads the last part and completes the upload: the object exists from now on.</summary>
    /// <exception cref="ArtifactTransferException">S3 refused or could not be reached; the upload is aborted.</exception>
    public async Task<UploadedObject> CompleteAsync(CancellationToken cancellationToken)
    {
        EnsureWriting();
        try
        {
            if (_filled > 0 || (_parts.Count == 0 && _inFlight is null))
            {
                await ShipFilledPartAsync(cancellationToken);
            }

            if (_inFlight is not null)
            {
                await _inFlight.WaitAsync(cancellationToken);
                _inFlight = null;
            }

            var response = await ArtifactCalls.RunAsync(
                () => _s3.CompleteMultipartUploadAsync(
                    new CompleteMultipartUploadRequest
                    {
                        BucketName = Location.Bucket,
                        Key = Location.Key,
                        UploadId = _uploadId,
                        PartETags = [.. _parts.OrderBy(p => p.PartNumber)],
                    },
                    cancellationToken),
                $"completing the upload of {Location}");
            _state = State.Completed;
            return new UploadedObject(Location, _length, Convert.ToHexStringLower(_sha256.GetHashAndReset()), response.ETag, _parts.Count);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            await AbortAsync();
            throw;
        }
    }

    /// <summary>
    /// Stops the upload and aborts it at S3 if it was created, so neither an object nor stored parts remain.
    /// Returns the abort's own failure (the parts then stay until a lifecycle rule or a manual abort removes them).
    /// </summary>
    public async Task<Exception?> AbortAsync()
    {
        if (_state != State.Writing)
        {
            return null;
        }

        _state = State.Aborted;
        await _lifetime.CancelAsync();
        if (_inFlight is { } inFlight)
        {
            // S3 may finish a part that is still arriving after the abort; wait for it so the abort is the last word.
            await inFlight.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            _inFlight = null;
        }

        if (Volatile.Read(ref _uploadId) is not { } uploadId)
        {
            return null;
        }

        using var timeout = new CancellationTokenSource(AbortTimeout);
        try
        {
            await ArtifactCalls.RunAsync(
                () => _s3.AbortMultipartUploadAsync(
                    new AbortMultipartUploadRequest { BucketName = Location.Bucket, Key = Location.Key, UploadId = uploadId }, timeout.Token),
                $"aborting the upload of {Location}");
            return null;
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            return error;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await AbortAsync();
        _sha256.Dispose();
        _lifetime.Dispose();
        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _state == State.Writing)
        {
            // Only DisposeAsync can abort at S3; a synchronous dispose at least stops further part uploads.
            _state = State.Aborted;
            _lifetime.Cancel();
        }

        base.Dispose(disposing);
    }

    /// <summary>Hands the filled buffer to an upload once the previous part is done, and keeps filling the freed one.</summary>
    private async Task ShipFilledPartAsync(CancellationToken cancellationToken)
    {
        byte[]? freed = null;
        if (_inFlight is not null)
        {
            freed = await _inFlight.WaitAsync(cancellationToken);
            _inFlight = null;
        }

        if (_parts.Count + 1 > MaxParts)
        {
            throw new ArtifactTransferException(
                $"the upload to {Location} would need more than {MaxParts} parts of {_partSize / (1024 * 1024)} MiB; run it as a one-off task instead");
        }

        _uploadId ??= await CreateUploadAsync(cancellationToken);
        var data = _filling;
        var length = _filled;
        _filling = freed ?? new byte[_partSize];
        _filled = 0;
        _inFlight = UploadPartAsync(_uploadId, _parts.Count + 1, data, length);
    }

    private async Task<string> CreateUploadAsync(CancellationToken cancellationToken)
    {
        var request = new InitiateMultipartUploadRequest
        {
            BucketName = Location.Bucket,
            Key = Location.Key,
            ContentType = _contentType,
            ChecksumAlgorithm = ChecksumAlgorithm.CRC32,
        };
        foreach (var (name, value) in _metadata)
        {
            request.Metadata[name] = value;
        }

        var response = await ArtifactCalls.RunAsync(
            () => _s3.InitiateMultipartUploadAsync(request, cancellationToken), $"starting the upload of {Location}");
        var uploadId = response.UploadId;
        Volatile.Write(ref _uploadId, uploadId);
        return uploadId;
    }

    private async Task<byte[]> UploadPartAsync(string uploadId, int partNumber, byte[] data, int length)
    {
        using var body = new MemoryStream(data, 0, length, writable: false);
        var response = await ArtifactCalls.RunAsync(
            () => _s3.UploadPartAsync(
                new UploadPartRequest
                {
                    BucketName = Location.Bucket,
                    Key = Location.Key,
                    UploadId = uploadId,
                    PartNumber = partNumber,
                    InputStream = body,
                    PartSize = length,
                    ChecksumAlgorithm = ChecksumAlgorithm.CRC32,
                },
                _lifetime.Token),
            $"uploading part {partNumber} of {Location}");
        _parts.Add(new PartETag(partNumber, response.ETag) { ChecksumCRC32 = response.ChecksumCRC32 });
        Interlocked.Add(ref _uploadedBytes, length);
        return data;
    }

    private void EnsureWriting()
    {
        if (_state != State.Writing)
        {
            throw new InvalidOperationException($"the upload of {Location} is already {(_state == State.Completed ? "complete" : "aborted")}");
        }
    }
}
