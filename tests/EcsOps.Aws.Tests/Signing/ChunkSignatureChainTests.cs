using System.Security.Cryptography;
using Amazon.Runtime;
using EcsOps.Aws.Signing;
using EcsOps.Aws.Tests.Support;
using EcsOps.Aws.Tests.Support.SigV4Peers;

namespace EcsOps.Aws.Tests.Signing;

// Every expected signature comes from AWSSDK.Core's own aws-chunked writer (AwsSdkChunkedUpload).
public class ChunkSignatureChainTests
{
    private const string ObjectPath = "/example-bucket/uploads/data.bin";

    // Large enough for the SDK to cut it into more than one data chunk; the pattern keeps chunks distinct.
    private static readonly byte[] s_data = [.. Enumerable.Range(0, 200_000).Select(i => (byte)(i * 31 % 251))];

    private static Task<AwsSdkChunkedUpload> SdkUploadAsync(CoreChecksumAlgorithm trailingChecksum = CoreChecksumAlgorithm.NONE) =>
        AwsSdkChunkedUpload.SignAsync(ObjectPath, s_data, trailingChecksum, CancellationToken.None);

    /// <summary>Our signature of the same request, over the headers the SDK signed.</summary>
    private static SigV4HeaderSignature OurSeed(AwsSdkChunkedUpload upload, string payloadMarker) =>
        OurSignatures.Signer().Sign(
            new SigV4Request("PUT", SigV4Cases.Host, ObjectPath, "", upload.Headers),
            new AwsCredentials(SigV4Cases.AccessKeyId, SigV4Cases.SecretAccessKey), SigV4Cases.Region, "s3", payloadMarker);

    private static ChunkSignatureChain ChainFrom(SigV4HeaderSignature seed) =>
        new(SigningKey.Derive(SigV4Cases.SecretAccessKey, seed.Scope), seed.AmzDate, seed.Scope, seed.Signature);

    private static string Sha256Hex(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    [Fact]
    public async Task Sign_StreamingRequest_SeedMatchesAwsSdk()
    {
        var upload = await SdkUploadAsync();

        var seed = OurSeed(upload, PayloadHashes.StreamingSignedPayload);

        Assert.Equal(
            "content-encoding;content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length",
            seed.SignedHeaders);
        Assert.True(upload.SeedSignature == seed.Signature, $"seed differs from AWSSDK.Core's; ours signed:\n{seed.CanonicalRequest}");
        Assert.Equal(upload.Authorization, seed.Authorization);
    }

    [Fact]
    public async Task NextChunkSignature_EveryChunk_MatchesAwsSdk()
    {
        var upload = await SdkUploadAsync();
        var chain = ChainFrom(OurSeed(upload, PayloadHashes.StreamingSignedPayload));

        Assert.True(upload.Chunks.Count >= 3, "expected at least two data chunks and the final one");
        Assert.Empty(upload.Chunks[^1].Data);
        Assert.All(upload.Chunks, chunk => Assert.Equal(chunk.Signature, chain.NextChunkSignature(Sha256Hex(chunk.Data))));
    }

    [Fact]
    public async Task NextChunkSignature_ChunksInAnotherOrder_DivergeFromAwsSdk()
    {
        var upload = await SdkUploadAsync();
        var chain = ChainFrom(OurSeed(upload, PayloadHashes.StreamingSignedPayload));

        var first = chain.NextChunkSignature(Sha256Hex(upload.Chunks[1].Data));
        var second = chain.NextChunkSignature(Sha256Hex(upload.Chunks[0].Data));

        Assert.NotEqual(upload.Chunks[0].Signature, first);
        Assert.NotEqual(upload.Chunks[1].Signature, second);
    }

    [Fact]
    public async Task TrailerSignature_ChecksumTrailerAfterFinalChunk_MatchesAwsSdk()
    {
        var upload = await SdkUploadAsync(CoreChecksumAlgorithm.CRC32);
        var chain = ChainFrom(OurSeed(upload, PayloadHashes.StreamingSignedPayloadTrailer));
        foreach (var chunk in upload.Chunks)
        {
            Assert.Equal(chunk.Signature, chain.NextChunkSignature(Sha256Hex(chunk.Data)));
        }

        var trailer = Assert.Single(upload.Trailers);
        Assert.Equal("x-amz-checksum-crc32", trailer.Key);
        Assert.Equal(upload.TrailerSignature, chain.TrailerSignature(ChunkSignatureChain.CanonicalTrailerSha256(upload.Trailers)));
    }

    [Fact]
    public async Task StartChunkChain_FromVerifiedAwsSdkStreamingRequest_ContinuesTheSdkChain()
    {
        var upload = await SdkUploadAsync();
        var headers = upload.Headers.Append(new("Authorization", upload.Authorization)).ToList();
        var credentials = new AwsCredentials(SigV4Cases.AccessKeyId, SigV4Cases.SecretAccessKey);

        var verification = new SigV4Verifier(_ => credentials, new FixedTimeProvider(SigV4Cases.SigningTime))
            .Verify(new SigV4IncomingRequest("PUT", ObjectPath, "", headers, BodySha256: null));

        Assert.True(verification.IsValid, verification.Message);
        Assert.Equal(PayloadHashes.StreamingSignedPayload, verification.PayloadHash);
        var chain = verification.StartChunkChain();
        Assert.All(upload.Chunks, chunk => Assert.Equal(chunk.Signature, chain.NextChunkSignature(Sha256Hex(chunk.Data))));
    }
}
