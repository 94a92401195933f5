using System.Runtime.CompilerServices;
using EcsOps.Protocol.Channels;
using EcsOps.Protocol.Encryption;
using EcsOps.Protocol.Framing;
using EcsOps.Protocol.Handshake;

namespace EcsOps.Protocol.Sessions;

/// <summary>
/// The client of an interactive session (Standard_Stream, InteractiveCommands): terminal size and raw
/// keyboard bytes out, terminal output in (fact sheet §6). Send and receive may run on different tasks;
/// only one task may read the output.
/// </summary>
public sealed class ShellSessionClient
{
    private readonly IStreamDataChannel _channel;
    private readonly SessionDataSender _sender;
    private readonly SessionDataReader _reader;

    /// <param name="channel">The client end of the data channel, after the handshake.</param>
    /// <param name="cipher">The session cipher when KMS-encrypted.</param>
    /// <param name="firstOutput">Output the handshake already read (<see cref="ClientHandshakeResult.FirstOutput"/>).</param>
    public ShellSessionClient(IStreamDataChannel channel, SessionCipher? cipher = null, StreamData? firstOutput = null)
    {
        _channel = channel;
        _sender = new SessionDataSender(channel, cipher);
        _reader = new SessionDataReader(channel, cipher, firstOutput);
    }

    /// <summary>A shell client continuing where <paramref name="handshake"/> stopped.</summary>
    public static ShellSessionClient FromHandshake(IStreamDataChannel channel, ClientHandshakeResult handshake) =>
        new(channel, handshake.Session.Cipher, handshake.FirstOutput);

    /// <summary>
    /// The text of the service's <c>channel_closed</c> (e.g. an idle-timeout notice), available once the
    /// output has ended; null when the channel ended otherwise.
    /// </summary>
    public string? ClosedOutput => _channel.ClosedBy?.Output;

    /// <summary>Sends the terminal size (Size message, never encrypted).</summary>
    public ValueTask SendTerminalSizeAsync(TerminalSize size, CancellationToken cancellationToken) =>
        _channel.SendAsync(PayloadType.Size, size.ToJson(), cancellationToken);

    /// <summary>Sends keyboard bytes as Output messages of at most 1024 bytes each.</summary>
    public ValueTask SendInputAsync(ReadOnlyMemory<byte> input, CancellationToken cancellationToken) =>
        _sender.SendAsync(PayloadType.Output, input, cancellationToken);

    /// <summary>Sends a signal as its terminal byte (Ctrl-C is 0x03).</summary>
    public ValueTask SendSignalAsync(TerminalSignal signal, CancellationToken cancellationToken) =>
        _sender.SendAsync(PayloadType.Output, new[] { (byte)signal }, cancellationToken);

    /// <summary>
    /// Terminal output, decrypted, in order, until the channel ends. Other payload types are skipped.
    /// </summary>
    /// <exception cref="ProtocolException">Output failed to decrypt.</exception>
    public async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadOutputAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await _reader.ReceiveAsync(cancellationToken) is { } message)
        {
            if (message.PayloadType == PayloadType.Output && !message.Payload.IsEmpty)
            {
                yield return message.Payload;
            }
        }
    }

    /// <summary>Copies the output to <paramref name="destination"/>, flushing after each message, until the channel ends.</summary>
    public async Task CopyOutputToAsync(Stream destination, CancellationToken cancellationToken)
    {
        await foreach (var output in ReadOutputAsync(cancellationToken))
        {
            await destination.WriteAsync(output, cancellationToken);
            await destination.FlushAsync(cancellationToken);
        }
    }
}
