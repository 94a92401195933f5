using EcsOps.Protocol;
using EcsOps.Protocol.Framing;

namespace EcsOps.Fuzz.Fuzzers;

/// <summary>Feeds arbitrary bytes to the ClientMessage decoder: it decodes, asks for more, or throws ProtocolException.</summary>
public sealed class ClientMessageDecoderFuzzer : IFuzzer
{
    public string Name => "client-message";

    public void FuzzTarget(ReadOnlySpan<byte> input)
    {
        var buffer = input.ToArray().AsMemory();
        try
        {
            while (ClientMessageCodec.TryDecode(buffer, out var message, out var consumed))
            {
                if (consumed <= 0 || consumed > buffer.Length || message.Payload.Length > consumed)
                {
                    throw new InvalidOperationException("decoder reported an impossible length");
                }

                buffer = buffer[consumed..];
            }
        }
        catch (ProtocolException)
        {
        }
    }
}
