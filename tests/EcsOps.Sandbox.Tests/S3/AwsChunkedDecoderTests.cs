using System.IO.Pipelines;
using System.Security.Cryptography;
using EcsOps.Aws.Signing;
using EcsOps.Sandbox.Http;
using EcsOps.Sandbox.S3;
using EcsOps.Sandbox.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EcsOps.Sandbox.Tests.S3;

public class AwsChunkedDecoderTests
{
    private static readonly byte[] s_key = SigningKey.Derive("secret", new CredentialScope("20260101", "us-east-1", "s3"));
    private static readonly CredentialScope s_scope = new("20260101", "us-east-1", "s3");
    private const string Seed = "0000000000000000000000000000000000000000000000000000000000000000";

    private static ChunkSignatureChain Chain() => new(s_key, "20260101T000000Z", s_scope, Seed);

    /// <summary>Feeds <paramref name="body"/> through a pipe in pieces of the given sizes and decodes it.</summary>
    private static async Task<(byte[] Data, IReadOnlyList<KeyValuePair<string, string>> Trailers)> DecodeInPiecesAsync(
        byte[] body, IEnumerable<int> pieceSizes, ChunkSignatureChain? chain)
    {
        var pipe = new Pipe();
        var writing = Task.Run(async () =>
        {
            var offset = 0;
            foreach (var size in pieceSizes.Append(int.MaxValue))
            {
                var take = Math.Min(size, body.Length - offset);
                await pipe.Writer.WriteAsync(body.AsMemory(offset, take));
                offset += take;
                if (offset == body.Length)
                {
                    break;
                }
            }

            await pipe.Writer.CompleteAsync();
        });
        using var output = new MemoryStream();
        using var hasher = new BodyHasher();
        var trailers = await AwsChunkedDecoder.DecodeAsync(pipe.Reader, output, hasher, chain, CancellationToken.None);
        await writing;
        return (output.ToArray(), trailers);
    }

    [Property(MaxTest = 100)]
    public bool DecodeAsync_SignedBodySplitAnywhere_YieldsTheSameData(NonEmptyArray<PositiveInt> pieces, PositiveInt chunkSize)
    {
        var data = RandomNumberGenerator.GetBytes(3000);
        var chunks = data.Chunk(chunkSize.Get % 1200 + 1).ToArray();
        var body = AwsChunkedBody.Build(Chain(), chunks);

        var (decoded, _) = DecodeInPiecesAsync(body, pieces.Get.Select(p => p.Get % 64 + 1), Chain()).GetAwaiter().GetResult();

        return decoded.AsSpan().SequenceEqual(data);
    }

    [Fact]
    public async Task DecodeAsync_UnsignedWithTrailer_ReturnsTrailers()
    {
        var body = "5\r\nhello\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n\r\n"u8.ToArray();

        var (data, trailers) = await DecodeInPiecesAsync(body, [3], chain: null);

        Assert.Equal("hello"u8.ToArray(), data);
        Assert.Equal([new("x-amz-checksum-crc32", "NhCmhg==")], trailers);
    }

    [Fact]
    public async Task DecodeAsync_SignedTrailerWithWrongSignature_FailsWithSignatureDoesNotMatch()
    {
        var chain = Chain();
        var first = chain.NextChunkSignature(Convert.ToHexStringLower(SHA256.HashData("hello"u8)));
        var last = chain.NextChunkSignature(PayloadHashes.EmptySha256);
        var body = System.Text.Encoding.ASCII.GetBytes(
            $"5;chunk-signature={first}\r\nhello\r\n0;chunk-signature={last}\r\nx-amz-checksum-crc32:NhCmhg==\r\nx-amz-trailer-signature:{new string('1', 64)}\r\n\r\n");

        var error = await Assert.ThrowsAsync<AwsErrorException>(() => DecodeInPiecesAsync(body, [7], Chain()));

        Assert.Equal("SignatureDoesNotMatch", error.Code);
    }

    [Theory]
    [InlineData("zz\r\n")]
    [InlineData("5\r\nhelloXX0\r\n\r\n")]
    [InlineData("5\r\nhel")]
    public async Task DecodeAsync_MalformedOrTruncatedBody_FailsWithS3Error(string body)
    {
        var error = await Assert.ThrowsAsync<AwsErrorException>(() =>
            DecodeInPiecesAsync(System.Text.Encoding.ASCII.GetBytes(body), [2], chain: null));

        Assert.Contains(error.Code, new[] { "InvalidRequest", "IncompleteBody" });
    }

    [Fact]
    public async Task DecodeAsync_EndlessHeaderLine_FailsInsteadOfBuffering()
    {
        var body = System.Text.Encoding.ASCII.GetBytes(new string('1', 10_000));

        var error = await Assert.ThrowsAsync<AwsErrorException>(() => DecodeInPiecesAsync(body, [512], chain: null));

        Assert.Equal("InvalidRequest", error.Code);
    }
}
