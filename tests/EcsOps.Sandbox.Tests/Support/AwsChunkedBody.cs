using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EcsOps.Aws.Signing;

namespace EcsOps.Sandbox.Tests.Support;

/// <summary>Builds an aws-chunked body signed with STREAMING-AWS4-HMAC-SHA256-PAYLOAD, chunk by chunk.</summary>
internal static class AwsChunkedBody
{
    public static byte[] Build(ChunkSignatureChain chain, IEnumerable<byte[]> chunks, Func<int, string, string>? tamper = null)
    {
        using var body = new MemoryStream();
        var index = 0;
        foreach (var chunk in chunks.Append([]))
        {
            var signature = chain.NextChunkSignature(Convert.ToHexStringLower(SHA256.HashData(chunk)));
            signature = tamper?.Invoke(index++, signature) ?? signature;
            body.Write(Encoding.ASCII.GetBytes($"{chunk.Length.ToString("x", CultureInfo.InvariantCulture)};chunk-signature={signature}\r\n"));
            body.Write(chunk);
            body.Write("\r\n"u8);
        }

        return body.ToArray();
    }
}
