using EcsOps.Aws.Signing;
using EcsOps.Sandbox.Http;

namespace EcsOps.Sandbox.S3;

/// <summary>
/// Receives an S3 request body: plain or aws-chunked, checked against x-amz-content-sha256, the chunk
/// signatures, Content-MD5 and x-amz-decoded-content-length, streamed to a destination without buffering.
/// </summary>
internal static class S3RequestBody
{
    /// <summary>Streams the decoded body to <paramref name="destination"/>; throws the S3 error for any mismatch.</summary>
    public static async Task<BodyDigest> CopyToAsync(HttpContext context, Stream destination, CancellationToken cancellationToken)
    {
        var aws = context.GetAwsRequest();
        var request = context.Request;
        var payloadHash = aws.Verification?.PayloadHash ?? PayloadHashes.UnsignedPayload;
        var chunked = PayloadHashes.IsStreaming(payloadHash)
            || request.Headers.ContentEncoding.ToString().Contains("aws-chunked", StringComparison.OrdinalIgnoreCase);
        using var hasher = new BodyHasher();
        if (chunked)
        {
            var chain = payloadHash is PayloadHashes.StreamingSignedPayload or PayloadHashes.StreamingSignedPayloadTrailer
                ? aws.Verification!.StartChunkChain()
                : null;
            await AwsChunkedDecoder.DecodeAsync(request.BodyReader, destination, hasher, chain, cancellationToken);
            if (long.TryParse(request.Headers["x-amz-decoded-content-length"], out var decodedLength) && decodedLength != hasher.Length)
            {
                throw new AwsErrorException("IncompleteBody",
                    $"You did not provide the number of bytes specified by x-amz-decoded-content-length ({decodedLength}; received {hasher.Length}).");
            }
        }
        else
        {
            await CopyPlainAsync(request.BodyReader, destination, hasher, cancellationToken);
            if (request.ContentLength is { } length && length != hasher.Length)
            {
                throw new AwsErrorException("IncompleteBody", "You did not provide the number of bytes specified by the Content-Length HTTP header.");
            }
        }

        var digest = hasher.Finish();
        if (PayloadHashes.IsHexSha256(payloadHash) && payloadHash != digest.Sha256Hex)
        {
            throw new AwsErrorException("XAmzContentSHA256Mismatch",
                "The provided 'x-amz-content-sha256' header does not match what was computed.")
            {
                S3Details = [new("ClientComputedContentSHA256", payloadHash), new("S3ComputedContentSHA256", digest.Sha256Hex)],
            };
        }

        var contentMd5 = request.Headers["Content-MD5"].ToString();
        if (contentMd5.Length > 0 && contentMd5 != Convert.ToBase64String(digest.Md5))
        {
            throw new AwsErrorException("BadDigest", "The Content-MD5 you specified did not match what we received.");
        }

        return digest;
    }

    /// <summary>Reads a small body (XML documents) into memory, refusing more than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]> ReadSmallAsync(HttpContext context, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new BoundedMemoryStream(maxBytes);
        await CopyToAsync(context, buffer, cancellationToken);
        return buffer.ToArray();
    }

    private static async Task CopyPlainAsync(System.IO.Pipelines.PipeReader reader, Stream destination, BodyHasher hasher, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            foreach (var segment in result.Buffer)
            {
                await destination.WriteAsync(segment, cancellationToken);
                hasher.Append(segment.Span);
            }

            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                return;
            }
        }
    }

    private sealed class BoundedMemoryStream(int maxBytes) : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count)
        {
            EnsureRoom(count);
            base.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            EnsureRoom(buffer.Length);
            base.Write(buffer);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            EnsureRoom(buffer.Length);
            return base.WriteAsync(buffer, cancellationToken);
        }

        private void EnsureRoom(int count)
        {
            if (Length + count > maxBytes)
            {
                throw new AwsErrorException("MaxMessageLengthExceeded", "Your request was too big.");
            }
        }
    }
}
