using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Security.Cryptography;
using System.Text;
using EcsOps.Aws.Signing;
using EcsOps.Sandbox.Http;

namespace EcsOps.Sandbox.S3;

/// <summary>
/// Decodes an <c>aws-chunked</c> request body while streaming the data to a destination:
/// <code>
/// &lt;hex size&gt;[;chunk-signature=&lt;sig&gt;]\r\n &lt;data&gt;\r\n   ...repeated...
/// 0[;chunk-signature=&lt;sig&gt;]\r\n [&lt;trailer&gt;:&lt;value&gt;\r\n ...] \r\n
/// </code>
/// With a signature chain (STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]) every chunk signature and the
/// <c>x-amz-trailer-signature</c> are checked. Lines are bounded, so a hostile body cannot grow memory.
/// </summary>
internal static class AwsChunkedDecoder
{
    private const int MaxLineLength = 4096;
    private const string ChunkSignatureExtension = "chunk-signature=";
    private const string TrailerSignatureName = "x-amz-trailer-signature";
    private static readonly byte[] s_crlf = "\r\n"u8.ToArray();

    /// <summary>Copies the decoded data to <paramref name="destination"/> and returns the trailing headers.</summary>
    public static async Task<IReadOnlyList<KeyValuePair<string, string>>> DecodeAsync(
        PipeReader reader, Stream destination, BodyHasher hasher, ChunkSignatureChain? chain, CancellationToken cancellationToken)
    {
        using var chunkHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        while (true)
        {
            var header = await ReadLineAsync(reader, cancellationToken)
                ?? throw IncompleteBody();
            var (size, signature) = ParseChunkHeader(header);
            var remaining = size;
            while (remaining > 0)
            {
                var result = await reader.ReadAsync(cancellationToken);
                var buffer = result.Buffer;
                if (buffer.IsEmpty && result.IsCompleted)
                {
                    throw IncompleteBody();
                }

                var take = buffer.Slice(0, Math.Min(buffer.Length, remaining));
                foreach (var segment in take)
                {
                    await destination.WriteAsync(segment, cancellationToken);
                    hasher.Append(segment.Span);
                    chunkHash.AppendData(segment.Span);
                }

                remaining -= take.Length;
                reader.AdvanceTo(take.End);
            }

            if (size > 0 && await ReadLineAsync(reader, cancellationToken) is not "")
            {
                throw Malformed("chunk data is not followed by CRLF");
            }

            var dataHash = Convert.ToHexStringLower(chunkHash.GetHashAndReset());
            if (chain is not null)
            {
                var expected = chain.NextChunkSignature(dataHash);
                if (signature is null || !SigningKey.SignaturesEqual(expected, signature))
                {
                    throw new AwsErrorException("SignatureDoesNotMatch",
                        "The request signature we calculated does not match the signature you provided (chunk signature).", 403);
                }
            }

            if (size == 0)
            {
                break;
            }
        }

        return await ReadTrailersAsync(reader, chain, cancellationToken);
    }

    private static async Task<IReadOnlyList<KeyValuePair<string, string>>> ReadTrailersAsync(
        PipeReader reader, ChunkSignatureChain? chain, CancellationToken cancellationToken)
    {
        var trailers = new List<KeyValuePair<string, string>>();
        string? trailerSignature = null;
        while (await ReadLineAsync(reader, cancellationToken) is { Length: > 0 } line)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw Malformed($"trailer '{line}' is not name:value");
            }

            var name = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            if (name == TrailerSignatureName)
            {
                trailerSignature = value;
            }
            else
            {
                trailers.Add(new(name, value));
            }
        }

        if (chain is not null && trailers.Count > 0)
        {
            var expected = chain.TrailerSignature(ChunkSignatureChain.CanonicalTrailerSha256(trailers));
            if (trailerSignature is null || !SigningKey.SignaturesEqual(expected, trailerSignature))
            {
                throw new AwsErrorException("SignatureDoesNotMatch",
                    "The request signature we calculated does not match the signature you provided (trailer signature).", 403);
            }
        }

        return trailers;
    }

    private static (long Size, string? Signature) ParseChunkHeader(string header)
    {
        var parts = header.Split(';');
        if (!long.TryParse(parts[0].Trim(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0)
        {
            throw Malformed($"chunk size '{parts[0]}' is not hexadecimal");
        }

        string? signature = null;
        foreach (var extension in parts.Skip(1))
        {
            var trimmed = extension.Trim();
            if (trimmed.StartsWith(ChunkSignatureExtension, StringComparison.Ordinal))
            {
                signature = trimmed[ChunkSignatureExtension.Length..];
            }
        }

        return (size, signature);
    }

    /// <summary>Reads one CRLF-terminated line; null at the end of the body.</summary>
    private static async Task<string?> ReadLineAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var position = FindCrlf(buffer);
            if (position is { } end)
            {
                var line = Encoding.ASCII.GetString(buffer.Slice(0, end));
                reader.AdvanceTo(buffer.GetPosition(end + s_crlf.Length));
                return line;
            }

            if (buffer.Length > MaxLineLength)
            {
                throw Malformed("chunk header or trailer line is too long");
            }

            if (result.IsCompleted)
            {
                reader.AdvanceTo(buffer.End);
                return buffer.IsEmpty ? null : throw IncompleteBody();
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static long? FindCrlf(ReadOnlySequence<byte> buffer)
    {
        var sequenceReader = new SequenceReader<byte>(buffer);
        return sequenceReader.TryAdvanceTo((byte)'\n', advancePastDelimiter: false)
            && sequenceReader.Consumed > 0
            && buffer.Slice(sequenceReader.Consumed - 1, 1).FirstSpan[0] == (byte)'\r'
                ? sequenceReader.Consumed - 1
                : null;
    }

    private static AwsErrorException IncompleteBody() =>
        new("IncompleteBody", "The request body terminated unexpectedly");

    private static AwsErrorException Malformed(string detail) =>
        new("InvalidRequest", $"The aws-chunked request body is malformed: {detail}.");
}
