using EcsOps.Aws.Sessions;
using EcsOps.Cli.Hosting;
using EcsOps.Protocol.Handshake;
using EcsOps.Protocol.Sessions;
using EcsOps.Runbooks.Exec;

namespace EcsOps.Cli.Exec;

/// <summary>
/// Runs one command wrapped by <see cref="ExecWrapper"/> over an ECS Exec session: decodes the PTY output into our
/// raw stdout and stderr, feeds our stdin (or an immediate EOF) once the remote side is ready, and returns the remote
/// exit status from the trailer. Ctrl-C is passed on as 0x03 (a second one gives up locally).
/// </summary>
public sealed class WrappedCommandRunner(IStandardStreams streams, InterruptRouter interrupts)
{
    /// <summary>Bytes of stdin read per step: a whole number of encoder lines.</summary>
    private const int InputChunkLength = ExecInputEncoder.BytesPerLine * 256;

    /// <exception cref="UserFacingException">
    /// The container lacks a tool the wrapper needs, or the session ended without an exit status (exit 255).
    /// </exception>
    public async Task<int> RunAsync(StartedSession session, WrappedCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(command);
        var handshake = await new ClientHandshake(session.HandshakeOptions).RunAsync(session.Channel, cancellationToken);
        var shell = ShellSessionClient.FromHandshake(session.Channel, handshake);
        try
        {
            await shell.SendTerminalSizeAsync(TerminalSize.Fallback, cancellationToken);
        }
        catch (InvalidOperationException)
        {
            // The session already ended (a very short command); its output is still buffered and read below.
        }

        using var stopInput = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var interruptCount = 0;
        using var interception = interrupts.Intercept(() =>
        {
            if (Interlocked.Increment(ref interruptCount) > 1)
            {
                return false;
            }

            _ = SendInterruptAsync(shell);
            return true;
        });

        var decoder = new ExecOutputDecoder(command.Nonce);
        await using var stdout = streams.OpenStandardOutput();
        await using var stderr = streams.OpenStandardError();
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
                            await stdout.WriteAsync(record.Data, cancellationToken);
                            break;
                        case ExecOutputKind.StandardError:
                            await stderr.WriteAsync(record.Data, cancellationToken);
                            break;
                        case ExecOutputKind.Ready:
                            input = SendInputAsync(shell, stopInput.Token);
                            break;
                        case ExecOutputKind.Exit:
                            await stdout.FlushAsync(cancellationToken);
                            await stderr.FlushAsync(cancellationToken);
                            return record.ExitCode;
                        case ExecOutputKind.MissingTool:
                            throw new UserFacingException(
                                $"exec into {session.Container.Path} failed: the container has no '{record.Text}', which "
                                + "'ecsops exec -- COMMAND' needs to carry the exit status and binary-safe output. "
                                + "Run 'ecsops exec' without a command for an interactive shell instead.",
                                ExitCodes.EcsOpsError);
                    }
                }

                await stdout.FlushAsync(cancellationToken);
                await stderr.FlushAsync(cancellationToken);
            }
        }
        finally
        {
            await stopInput.CancelAsync();
            _ = input.ContinueWith(static t => t.Exception, TaskScheduler.Default);
        }

        if (Volatile.Read(ref interruptCount) > 0)
        {
            return ExitCodes.Interrupted;
        }

        var reason = shell.ClosedOutput is { Length: > 0 } closed ? $" (the service said: {closed.Trim()})" : "";
        throw new UserFacingException(
            $"exec into {session.Container.Path} ended without reporting its exit status{reason}; the command may or may not have run to completion",
            ExitCodes.EcsOpsError);
    }

    /// <summary>
    /// Streams stdin as base64 lines, then EOF; when stdin is a terminal (or absent), only EOF. Runs on its own task
    /// so the output keeps draining while the remote side is slow to read.
    /// </summary>
    private async Task SendInputAsync(ShellSessionClient shell, CancellationToken cancellationToken)
    {
        var encoder = new ExecInputEncoder();
        if (streams.IsInputRedirected)
        {
            await using var stdin = streams.OpenStandardInput();
            var buffer = new byte[InputChunkLength];
            int read;
            while ((read = await stdin.ReadAsync(buffer, cancellationToken)) > 0)
            {
                var encoded = encoder.Encode(buffer.AsSpan(0, read));
                if (encoded.Length > 0)
                {
                    await shell.SendInputAsync(encoded, cancellationToken);
                }
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
