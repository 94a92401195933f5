using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using Amazon.Runtime.Internal.Util;
using Amazon.Util;
using EcsOps.Aws.Tests.Signing;

namespace EcsOps.Aws.Tests.Support.SigV4Peers;

/// <summary>
/// An aws-chunked S3 upload (<c>STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]</c>) signed and framed by
/// AWSSDK.Core: <c>AWS4Signer</c> signs the request headers, then <c>ChunkedUploadWrapperStream</c> writes the
/// body with a chained signature per chunk and, with a checksum, signed trailing headers. The body is parsed
/// back here so tests can compare every signature with ours.
/// </summary>
internal sealed class AwsSdkChunkedUpload
{
    private AwsSdkChunkedUpload(
        IReadOnlyList<KeyValuePair<string, string>> headers, AWS4SigningResult seed, IReadOnlyList<SignedChunk> chunks,
        IReadOnlyList<KeyValuePair<string, string>> trailers, string? trailerSignature)
    {
        Headers = headers;
        SeedSignature = seed.Signature;
        Authorization = seed.ForAuthorizationHeader;
        Chunks = chunks;
        Trailers = trailers;
        TrailerSignature = trailerSignature;
    }

    /// <summary>The request headers as the SDK signed them (host, content-encoding, lengths, x-amz-*).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The request's own signature, which the first chunk chains from.</summary>
    public string SeedSignature { get; }

    /// <summary>The request's Authorization header value.</summary>
    public string Authorization { get; }

    /// <summary>Every chunk in body order, the final empty one included.</summary>
    public IReadOnlyList<SignedChunk> Chunks { get; }

    /// <summary>Trailing headers other than <c>x-amz-trailer-signature</c>; empty without a checksum.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Trailers { get; }

    /// <summary>The <c>x-amz-trailer-signature</c> value, or null without a checksum.</summary>
    public string? TrailerSignature { get; }

    /// <param name="trailingChecksum">A checksum to send as a signed trailer, or <see cref="CoreChecksumAlgorithm.NONE"/>.</param>
    public static async Task<AwsSdkChunkedUpload> SignAsync(
        string path, byte[] data, CoreChecksumAlgorithm trailingChecksum, CancellationToken cancellationToken)
    {
        var request = new DefaultRequest(new EmptyRequest(), "EcsOpsTests")
        {
            HttpMethod = "PUT",
            Endpoint = new Uri($"https://{SigV4Cases.Host}"),
            ResourcePath = path,
            AuthenticationRegion = SigV4Cases.Region,
            OverrideSigningServiceName = "s3",
            UseChunkEncoding = true,
            SelectedChecksum = trailingChecksum,
        };
        if (trailingChecksum != CoreChecksumAlgorithm.NONE)
        {
            // The stream fills the value in once it has read the data.
            request.TrailingHeaders[$"x-amz-checksum-{trailingChecksum.ToString().ToLowerInvariant()}"] = "";
        }

        request.Headers[HeaderKeys.ContentLengthHeader] = data.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        request.Headers[HeaderKeys.ContentTypeHeader] = "application/octet-stream";

        var result = new AWS4Signer().SignRequest(
            request, new AwsSdkTestConfig(), metrics: null, SigV4Cases.AccessKeyId, SigV4Cases.SecretAccessKey,
            SigV4Cases.SigningTime.UtcDateTime);

        using var source = new MemoryStream(data);
        using var body = new ChunkedUploadWrapperStream(
            source, data.Length, result, trailingChecksum, request.TrailingHeaders, new CachedChecksum { OnComplete = _ => { } });
        using var framed = new MemoryStream();
        await body.CopyToAsync(framed, cancellationToken);

        var headers = request.Headers.ToList();
        var (chunks, trailerLines) = ParseBody(framed.ToArray());
        var trailerSignature = trailerLines.FirstOrDefault(t => t.Key == "x-amz-trailer-signature").Value;
        return new AwsSdkChunkedUpload(
            headers, result, chunks, [.. trailerLines.Where(t => t.Key != "x-amz-trailer-signature")], trailerSignature);
    }

    // aws-chunked framing: "<hex size>;chunk-signature=<sig>\r\n<data>\r\n" per chunk, a zero-size chunk, then
    // "name:value\r\n" trailing headers, then an empty line.
    private static (List<SignedChunk> Chunks, List<KeyValuePair<string, string>> Trailers) ParseBody(byte[] body)
    {
        var chunks = new List<SignedChunk>();
        var position = 0;
        while (true)
        {
            var header = ReadLine(body, ref position);
            var parts = header.Split(";chunk-signature=");
            var size = Convert.ToInt32(parts[0], 16);
            chunks.Add(new SignedChunk(body[position..(position + size)], parts[1]));
            position += size;
            if (size == 0)
            {
                break;
            }

            if (ReadLine(body, ref position).Length != 0)
            {
                throw new FormatException("chunk data is not followed by CRLF");
            }
        }

        var trailers = new List<KeyValuePair<string, string>>();
        for (var line = ReadLine(body, ref position); line.Length > 0; line = ReadLine(body, ref position))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            trailers.Add(new(line[..colon], line[(colon + 1)..]));
        }

        return (chunks, trailers);
    }

    private static string ReadLine(byte[] body, ref int position)
    {
        var end = Array.IndexOf(body, (byte)'\n', position);
        if (end < 1 || body[end - 1] != '\r')
        {
            throw new FormatException($"no CRLF after offset {position}");
        }

        var line = Encoding.ASCII.GetString(body, position, end - 1 - position);
        position = end + 1;
        return line;
    }

    /// <summary>One aws-chunked chunk: its data and the signature the SDK wrote for it.</summary>
    public sealed record SignedChunk(byte[] Data, string Signature);

    private sealed class EmptyRequest : AmazonWebServiceRequest;
}
