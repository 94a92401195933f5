using EcsOps.Protocol.Channels;
using EcsOps.Protocol.Encryption;
using EcsOps.Protocol.Framing;

namespace EcsOps.Protocol.Sessions;

/// <summary>
/// The client of a NonInteractiveCommands session with separate output streams (fact sheet §6.2): Output
/// goes to stdout, StdErr to stderr, and the ExitCode message <c>EXIT_CODE: n</c> becomes the result.
/// </summary>
public sealed class CommandSessionClient
{
    private readonly IStreamDataChannel _channel;
    private readonly SessionDataSender _sender;
    private readonly SessionDataReader _reader;

    public CommandSessionClient(IStreamDataChannel channel, SessionCipher? cipher = null)
    {
        _channel = channel;
        _sender = new SessionDataSender(channel, cipher);
        _reader = new SessionDataReader(channel, cipher);
    }

    /// <summary>
    /// Copies the output until the exit code arrives (the agent sends it last) or the channel ends, and
    /// returns the exit code or its absence. Streams are flushed after each message.
    /// </summary>
    /// <exception cref="ProtocolException">Output failed to decrypt, or the ExitCode payload is malformed.</exception>
    public async Task<CommandResult> RunAsync(Stream standardOutput, Stream standardError, CancellationToken cancellationToken)
    {
        while (await _reader.ReceiveAsync(cancellationToken) is { } message)
        {
            switch (message.PayloadType)
            {
                case PayloadType.Output:
                    await WriteAsync(standardOutput, message.Payload, cancellationToken);
                    break;
                case PayloadType.StdErr:
                    await WriteAsync(standardError, message.Payload, cancellationToken);
                    break;
                case PayloadType.ExitCode:
                    return new CommandResult(ExitCodePayload.Decode(message.Payload.Span), _channel.ClosedBy?.Output);
            }
        }

        return new CommandResult(null, _channel.ClosedBy?.Output);
    }

    /// <summary>Sends Interrupt (SIGINT) or Quit (SIGQUIT); the agent ignores any other input for commands.</summary>
    public ValueTask SendSignalAsync(TerminalSignal signal, CancellationToken cancellationToken) =>
        _sender.SendAsync(PayloadType.Output, new[] { (byte)signal }, cancellationToken);

    private static async Task WriteAsync(Stream destination, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await destination.WriteAsync(data, cancellationToken);
        await destination.FlushAsync(cancellationToken);
    }
}
