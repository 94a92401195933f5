using EcsOps.Protocol.Channels;
using EcsOps.Protocol.Encryption;
using EcsOps.Protocol.Framing;

namespace EcsOps.Protocol.Sessions;

/// <summary>
/// The protocol half of the agent's shell and command sessions: process output out (Output, StdErr,
/// ExitCode; sealed when the session is encrypted), client input in (keyboard bytes, Size, Flag, and
/// signal bytes for non-interactive commands). The process or pty itself is the caller's.
/// </summary>
/// <remarks>Writes may come from several tasks (stdout and stderr pumps); only one task may read input.</remarks>
public sealed class AgentSessionStream
{
    private readonly IStreamDataChannel _channel;
    private readonly SessionDataSender _sender;
    private readonly SessionDataReader _reader;

    /// <param name="channel">The agent end of the data channel, after the handshake.</param>
    /// <param name="cipher">The session cipher when KMS-encrypted.</param>
    public AgentSessionStream(IStreamDataChannel channel, SessionCipher? cipher = null)
    {
        if (channel.Role != DataChannelRole.Agent)
        {
            throw new ArgumentException("an agent session needs the agent end of the channel", nameof(channel));
        }

        _channel = channel;
        _sender = new SessionDataSender(channel, cipher);
        _reader = new SessionDataReader(channel, cipher);
    }

    /// <summary>Sends process output (stdout or pty) in messages of at most 1024 bytes.</summary>
    public ValueTask WriteOutputAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        _sender.SendAsync(PayloadType.Output, data, cancellationToken);

    /// <summary>Sends stderr (NonInteractiveCommands with separate output streams).</summary>
    public ValueTask WriteStandardErrorAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        _sender.SendAsync(PayloadType.StdErr, data, cancellationToken);

    /// <summary>Sends <c>EXIT_CODE: n</c>; the last message of a NonInteractiveCommands session.</summary>
    public ValueTask WriteExitCodeAsync(int exitCode, CancellationToken cancellationToken) =>
        _sender.SendAsync(PayloadType.ExitCode, ExitCodePayload.Encode(exitCode), cancellationToken);

    /// <summary>A write-only stream that sends what is written as <paramref name="payloadType"/> (Output or StdErr).</summary>
    public Stream OpenWriteStream(PayloadType payloadType = PayloadType.Output) =>
        payloadType is PayloadType.Output or PayloadType.StdErr
            ? new SessionWriteStream(_sender, payloadType)
            : throw new ArgumentOutOfRangeException(nameof(payloadType), payloadType, "only Output and StdErr carry process output");

    /// <summary>Waits until the client acknowledged everything sent (before reporting the session as terminating).</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => _channel.FlushAsync(cancellationToken);

    /// <summary>Dispatches client input to <paramref name="handlers"/> until the channel ends.</summary>
    /// <exception cref="ProtocolException">Input failed to decrypt, or a Size or Flag payload is malformed.</exception>
    public async Task ReadInputAsync(AgentInputHandlers handlers, CancellationToken cancellationToken)
    {
        while (await _reader.ReceiveAsync(cancellationToken) is { } message)
        {
            switch (message.PayloadType)
            {
                case PayloadType.Output when handlers.SignalsOnly:
                    await DispatchSignalsAsync(handlers, message.Payload, cancellationToken);
                    break;
                case PayloadType.Output when handlers.Input is { } input && !message.Payload.IsEmpty:
                    await input(message.Payload, cancellationToken);
                    break;
                case PayloadType.Size:
                    var size = TerminalSize.Parse(message.Payload.Span);
                    if (handlers.Resize is { } resize)
                    {
                        await resize(size, cancellationToken);
                    }

                    break;
                case PayloadType.Flag:
                    var flag = SessionFlagPayload.Decode(message.Payload.Span);
                    if (handlers.Flag is { } onFlag)
                    {
                        await onFlag(flag, cancellationToken);
                    }

                    break;
            }
        }
    }

    private static async ValueTask DispatchSignalsAsync(
        AgentInputHandlers handlers, ReadOnlyMemory<byte> input, CancellationToken cancellationToken)
    {
        if (handlers.Signal is not { } signal)
        {
            return;
        }

        for (var i = 0; i < input.Length; i++)
        {
            var value = input.Span[i];
            if (value is (byte)TerminalSignal.Interrupt or (byte)TerminalSignal.Quit)
            {
                await signal((TerminalSignal)value, cancellationToken);
            }
        }
    }
}
