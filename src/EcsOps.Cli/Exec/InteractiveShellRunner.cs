using System.Runtime.InteropServices;
using System.Text;
using EcsOps.Aws.Audit.Transcripts;
using EcsOps.Aws.Sessions;
using EcsOps.Cli.Hosting;
using EcsOps.Cli.Terminal;
using EcsOps.Protocol.Handshake;
using EcsOps.Protocol.Sessions;
using EcsOps.Runbooks.Exec;

namespace EcsOps.Cli.Exec;

/// <summary>
/// An interactive shell over an ECS Exec session: our terminal in raw mode (restored on every way out), keystrokes
/// (Ctrl-C included, as 0x03) to the container, its output to our stdout unchanged, the size sent at start and on
/// every SIGWINCH. <c>~.</c> after a newline leaves. When the service closes the session, its text (e.g. an idle
/// timeout notice) goes to stderr. A transcript, when given, sees the output, the keys and every size.
/// With a <see cref="TerminalStatusFilter"/> (a command run by <c>exec -t</c>) the exit status comes from the command's
/// status sequence, taken out of the output; without one (a shell) it is 0.
/// </summary>
public sealed class InteractiveShellRunner(
    IStandardStreams streams, InterruptRouter interrupts, ISessionTranscript? transcript = null, TerminalStatusFilter? status = null)
{
    private const int InputBufferLength = 4096;
    private const byte EndOfTransmission = 0x04;

    private long _bytesSent;
    private long _bytesReceived;

    /// <summary>Keys sent to the container so far.</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>Output received from the container so far.</summary>
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    /// <summary>The size of our terminal (stdout, else stdin); the plugin's fallback when neither is a terminal.</summary>
    public static TerminalSize CurrentTerminalSize()
    {
        var size = TerminalNative.GetWindowSize(TerminalNative.StandardOutput) ?? TerminalNative.GetWindowSize(TerminalNative.StandardInput);
        return size is { } known ? new TerminalSize(known.Columns, known.Rows) : TerminalSize.Fallback;
    }

    public async Task<int> RunAsync(StartedSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var handshake = await new ClientHandshake(session.HandshakeOptions).RunAsync(session.Channel, cancellationToken);
        var shell = ShellSessionClient.FromHandshake(session.Channel, handshake);
        using var leave = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var escape = new EscapeSequenceFilter();
        var raw = streams.IsInputRedirected ? null : RawTerminalMode.Enter();
        try
        {
            await SendSizeAsync(shell, cancellationToken);
            using var resize = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGWINCH, signal => _ = SendSizeAsync(shell, CancellationToken.None));

            // Only reached when the terminal is not raw (stdin piped): pass Ctrl-C on instead of ending ecsops.
            using var interception = interrupts.Intercept(() =>
            {
                _ = IgnoreClosedAsync(shell.SendSignalAsync(TerminalSignal.Interrupt, CancellationToken.None).AsTask());
                return true;
            });

            var input = PumpInputAsync(shell, raw, escape, leave, leave.Token);
            await using var stdout = streams.OpenStandardOutput();
            try
            {
                await foreach (var received in shell.ReadOutputAsync(leave.Token))
                {
                    Interlocked.Add(ref _bytesReceived, received.Length);
                    var output = status is null ? received : status.Filter(received.Span);
                    await stdout.WriteAsync(output, leave.Token);
                    await stdout.FlushAsync(leave.Token);
                    transcript?.Output(output.Span);
                }

                if (status?.Flush() is { Length: > 0 } rest)
                {
                    await stdout.WriteAsync(rest, leave.Token);
                    transcript?.Output(rest);
                }
            }
            catch (OperationCanceledException) when (escape.LeaveRequested && !cancellationToken.IsCancellationRequested)
            {
                // ~. typed: leave; disposing the session terminates it.
            }

            _ = input.ContinueWith(static t => t.Exception, TaskScheduler.Default);
        }
        finally
        {
            raw?.Dispose();
        }

        if (!escape.LeaveRequested && shell.ClosedOutput is { Length: > 0 } closed)
        {
            await using var stderr = streams.OpenStandardError();
            await stderr.WriteAsync(Encoding.UTF8.GetBytes($"\n{closed.Trim()}\n"), CancellationToken.None);
        }

        if (status is null)
        {
            return ExitCodes.Ok;
        }

        return status.ExitCode ?? throw new UserFacingException(
            escape.LeaveRequested ? "left the session (~.) before the command ended" : "the session ended without the command's exit status",
            ExitCodes.EcsOpsError);
    }

    private async Task PumpInputAsync(
        ShellSessionClient shell, RawTerminalMode? terminal, EscapeSequenceFilter escape, CancellationTokenSource leave, CancellationToken cancellationToken)
    {
        try
        {
            await using var stdin = terminal?.OpenInput() ?? streams.OpenStandardInput();
            var buffer = new byte[InputBufferLength];
            int read;
            while ((read = await stdin.ReadAsync(buffer, cancellationToken)) > 0)
            {
                var keys = escape.Filter(buffer.AsSpan(0, read));
                if (keys.Length > 0)
                {
                    await shell.SendInputAsync(keys, cancellationToken);
                    Interlocked.Add(ref _bytesSent, keys.Length);
                    transcript?.Input(keys);
                }

                if (escape.LeaveRequested)
                {
                    await leave.CancelAsync();
                    return;
                }
            }

            // Piped input has ended: ^D tells the remote shell, as typing it would.
            await shell.SendInputAsync(new[] { EndOfTransmission }, cancellationToken);
        }
        catch (Exception error) when (error is InvalidOperationException or IOException or OperationCanceledException)
        {
            // The session ended while we were reading or sending; the output loop reports how.
        }
    }

    private async Task SendSizeAsync(ShellSessionClient shell, CancellationToken cancellationToken)
    {
        var terminalSize = CurrentTerminalSize();
        transcript?.Resize((int)terminalSize.Columns, (int)terminalSize.Rows);
        await IgnoreClosedAsync(shell.SendTerminalSizeAsync(terminalSize, cancellationToken).AsTask());
    }

    private static async Task IgnoreClosedAsync(Task send)
    {
        try
        {
            await send;
        }
        catch (Exception error) when (error is InvalidOperationException or IOException or OperationCanceledException)
        {
            // The session is ending; nothing to resize or interrupt any more.
        }
    }
}
