using EcsOps.Aws.Sessions;
using EcsOps.Protocol.Handshake;
using EcsOps.Protocol.Sessions;

namespace EcsOps.Runbooks.Exec;

/// <summary>
/// Runs one command wrapped by <see cref="ExecWrapper"/> over an ECS Exec session: decodes the PTY output into the
/// caller's output and error streams, types its secret values and then feeds its input (or an immediate EOF) once the
/// remote side is ready, and returns the remote exit status from the trailer. Ctrl-C is passed on as 0x03, also when it comes before the
/// session is ready; a second one gives up locally.
/// </summary>
public sealed class WrappedCommandRunner(ExecStreams streams, IInterruptSource? interrupts = null)
{
    /// <summary>What a shell reports for a command ended by Ctrl-C (128 + SIGINT).</summary>
    public const int InterruptedExitStatus = 130;

    /// <summary>Bytes of input read per step: a whole number of encoder lines.</summary>
    private const int InputChunkLength = ExecInputEncoder.BytesPerLine * 256;

    private ShellSessionClient? _shell;
    private int _interruptCount;
    private long _bytesIn;
    private long _bytesOut;

    /// <summary>Bytes sent to the command's stdin so far.</summary>
    public long BytesIn => Interlocked.Read(ref _bytesIn);

    /// <summary>Bytes the command wrote to stdout and stderr so far.</summary>
    public long BytesOut => Interlocked.Read(ref _bytesOut);

    /// <exception cref="ExecSessionException">
    /// The container lacks a tool the wrapper needs, or the session ended without an exit status.
    /// </exception>
    /// <exception cref="OutputClosedException">The reader of our output went away (a closed pipe).</exception>
    public async Task<int> RunAsync(StartedSession session, WrappedCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(command);
        using var interception = interrupts?.Intercept(OnInterrupt);
        var handshake = await new ClientHandshake(session.HandshakeOptions).RunAsync(session.Channel, cancellationToken);
        var shell = ShellSessionClient.FromHandshake(session.Channel, handshake);
        Volatile.Write(ref _shell, shell);
        try
        {
            await shell.SendTerminalSizeAsync(TerminalSize.Fallback, cancellationToken);
        }
        catch (InvalidOperationException)
        {
            // The session already ended (a very short command); its output is still buffered and read below.
        }

        if (Volatile.Read(ref _interruptCount) > 0)
        {
            // Ctrl-C came while the session was starting: deliver it now that there is someone to receive it.
            _ = SendInterruptAsync(shell);
        }

        using var stopInput = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var decoder = new ExecOutputDecoder(command.Nonce);
        Task input = Task.CompletedTask;
        try
        {
            await foreach (var chunk in shell.ReadOutputAsync(cancellationToken))
            {
                foreach (var record in decoder.Feed(chunk.Span))
                {
                    switch (record.Kind)
                    {
                        case ExecOutputKind.StandardOutput:
                            await WriteAsync(streams.Output, record.Data, cancellationToken);
                            break;
                        case ExecOutputKind.StandardError:
                            await WriteAsync(streams.Error, record.Data, cancellationToken);
                            break;
                        case ExecOutputKind.Ready:
                            input = SendInputAsync(shell, command.SecretInput, stopInput.Token);
                            break;
                        case ExecOutputKind.Exit:
                            await FlushAsync(cancellationToken);
                            return record.ExitCode;
                        case ExecOutputKind.MissingTool:
                            throw new ExecSessionException(
                                $"exec into {session.Container.Path} failed: the container has no '{record.Text}', which "
                                + "'ecsops exec -- COMMAND' needs to carry the exit status and binary-safe output. "
                                + "Run 'ecsops exec' without a command for an interactive shell instead.");
                    }
                }

                await FlushAsync(cancellationToken);
            }
        }
        finally
        {
            await stopInput.CancelAsync();
            _ = input.ContinueWith(static t => t.Exception, TaskScheduler.Default);
        }

        if (Volatile.Read(ref _interruptCount) > 0)
        {
            return InterruptedExitStatus;
        }

        var reason = shell.ClosedOutput is { Length: > 0 } closed ? $" (the service said: {closed.Trim()})" : "";
        throw new ExecSessionException(
            $"exec into {session.Container.Path} ended without reporting its exit status{reason}; the command may or may not have run to completion");
    }

    private bool OnInterrupt()
    {
        if (Interlocked.Increment(ref _interruptCount) > 1)
        {
            return false;
        }

        if (Volatile.Read(ref _shell) is { } shell)
        {
            _ = SendInterruptAsync(shell);
        }

        return true;
    }

    private async Task WriteAsync(Stream destination, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        try
        {
            await destination.WriteAsync(data, cancellationToken);
        }
        catch (IOException error) when (error is not OutputClosedException)
        {
            throw new OutputClosedException("the reader of the command's output went away", error);
        }

        Interlocked.Add(ref _bytesOut, data.Length);
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await streams.Output.FlushAsync(cancellationToken);
            await streams.Error.FlushAsync(cancellationToken);
        }
        catch (IOException error) when (error is not OutputClosedException)
        {
            throw new OutputClosedException("the reader of the command's output went away", error);
        }
    }

    /// <summary>
    /// Types the secret values, then streams the input as base64 lines, then EOF. Runs on its own task so the output
    /// keeps draining while the remote side is slow to read.
    /// </summary>
    private async Task SendInputAsync(ShellSessionClient shell, ReadOnlyMemory<byte> secretInput, CancellationToken cancellationToken)
    {
        if (!secretInput.IsEmpty)
        {
            await shell.SendInputAsync(secretInput, cancellationToken);
        }

        var encoder = new ExecInputEncoder();
        if (streams.Input is { } source)
        {
            var buffer = new byte[InputChunkLength];
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                var encoded = encoder.Encode(buffer.AsSpan(0, read));
                if (encoded.Length > 0)
                {
                    await shell.SendInputAsync(encoded, cancellationToken);
                }

                Interlocked.Add(ref _bytesIn, read);
            }
        }

        await shell.SendInputAsync(encoder.Finish(), cancellationToken);
    }

    private static async Task SendInterruptAsync(ShellSessionClient shell)
    {
        try
        {
            await shell.SendSignalAsync(TerminalSignal.Interrupt, CancellationToken.None);
        }
        catch (Exception error) when (error is InvalidOperationException or IOException or OperationCanceledException)
        {
            // The session is already ending; the output loop reports how.
        }
    }
}
