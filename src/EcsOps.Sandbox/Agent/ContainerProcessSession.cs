using System.Runtime.CompilerServices;
using EcsOps.Protocol;
using EcsOps.Protocol.Framing;
using EcsOps.Protocol.Sessions;
using EcsOps.Sandbox.Containers;

namespace EcsOps.Sandbox.Agent;

/// <summary>
/// Joins a started container process to a session stream: its output (and stderr) out, client input,
/// terminal size and signals in, until the process exits or the channel ends. One loop per direction.
/// </summary>
internal static class ContainerProcessSession
{
    /// <summary>Runs <paramref name="process"/> against <paramref name="stream"/>; kills it if the channel ends first.</summary>
    /// <param name="stderrType">Where stderr goes when the process has a separate stderr: StdErr or Output.</param>
    public static async Task<ProcessOutcome> RunAsync(
        AgentSessionContext context,
        IContainerProcess process,
        AgentSessionStream stream,
        bool signalsOnly,
        PayloadType stderrType,
        CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var handlers = signalsOnly
            ? new AgentInputHandlers
            {
                SignalsOnly = true,
                Signal = (signal, _) =>
                {
                    process.Signal(signal == TerminalSignal.Quit ? ContainerSignal.Quit : ContainerSignal.Interrupt);
                    return ValueTask.CompletedTask;
                },
            }
            : new AgentInputHandlers
            {
                Input = async (bytes, token) =>
                {
                    await process.Input.WriteAsync(bytes, token);
                    await process.Input.FlushAsync(token);
                },
                Resize = (size, _) =>
                {
                    process.Resize((int)size.Columns, (int)size.Rows);
                    return ValueTask.CompletedTask;
                },
            };

        var progress = new StrongBox<long>();
        var input = ReadInputAsync(context, stream, handlers, stop.Token);
        var stdout = PumpAsync(process.Output, stream.WriteOutputAsync, progress, stop.Token);
        var stderr = process.Error is { } error
            ? PumpAsync(error, stderrType == PayloadType.StdErr ? stream.WriteStandardErrorAsync : stream.WriteOutputAsync, progress, stop.Token)
            : Task.CompletedTask;
        var exit = process.WaitForExitAsync(stop.Token);

        if (await Task.WhenAny(exit, input) == input)
        {
            // The channel ended first (TerminateSession, idle timeout, client gone for good): the process goes too.
            process.Signal(ContainerSignal.Kill);
            await stop.CancelAsync();
            await Task.WhenAll(Quietly(stdout), Quietly(stderr), Quietly(exit));
            return ProcessOutcome.ChannelEnded;
        }

        var exitCode = await exit;
        await DrainAsync(context, Task.WhenAll(stdout, stderr), progress, cancellationToken);

        await stop.CancelAsync();
        await Task.WhenAll(Quietly(stdout), Quietly(stderr), Quietly(input));
        return new ProcessOutcome(true, exitCode);
    }

    /// <summary>
    /// After the process exited, waits for its output to reach end of file. A background child may hold the
    /// output open, so the wait ends once no output has moved for <see cref="ContainerAgentOptions.OutputDrainTimeout"/>;
    /// output still flowing (a large result going out at the channel's pace) is never cut short.
    /// </summary>
    private static async Task DrainAsync(AgentSessionContext context, Task pumps, StrongBox<long> progress, CancellationToken cancellationToken)
    {
        var seen = Interlocked.Read(ref progress.Value);
        while (true)
        {
            try
            {
                await pumps.WaitAsync(context.Options.OutputDrainTimeout, context.Options.TimeProvider, cancellationToken);
                return;
            }
            catch (TimeoutException)
            {
                var now = Interlocked.Read(ref progress.Value);
                if (now == seen)
                {
                    return;
                }

                seen = now;
            }
        }
    }

    /// <summary>
    /// Copies <paramref name="source"/> to the session in reads of at most 1024 bytes until end of file,
    /// counting each chunk sent in <paramref name="progress"/>.
    /// </summary>
    public static async Task PumpAsync(
        Stream source, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> send, StrongBox<long> progress, CancellationToken cancellationToken)
    {
        var buffer = new byte[ClientMessageCodec.StreamPayloadSize];
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await send(buffer.AsMemory(0, read), cancellationToken);
                Interlocked.Increment(ref progress.Value);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The process side closed (EIO on a PTY, a closed pipe) or the channel ended: this direction is over.
        }
    }

    /// <summary>Reads client input until the channel ends. A malformed message is skipped, not fatal; input to a gone process is dropped.</summary>
    private static async Task ReadInputAsync(
        AgentSessionContext context, AgentSessionStream stream, AgentInputHandlers handlers, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await stream.ReadInputAsync(handlers, cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is ProtocolException or IOException or ObjectDisposedException)
            {
                if (context.Channel.Completion.IsCompleted)
                {
                    return;
                }

                if (context.Logger.IsEnabled(LogLevel.Debug))
                {
                    context.Logger.LogDebug(ex, "session {SessionId}: input skipped", context.Session.SessionId);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The channel broke (reconnect budget spent): the session is over.
                return;
            }
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }
}
