using System.Text;
using EcsOps.Protocol.Framing;
using EcsOps.Protocol.Handshake;
using EcsOps.Protocol.Sessions;
using EcsOps.Sandbox.Containers;

namespace EcsOps.Sandbox.Agent;

/// <summary>
/// NonInteractiveCommands (fact sheet §6.2, §8.2): handshake, then the command without a PTY. With
/// separateOutputStream, stdout is Output, stderr is StdErr and the last message is <c>EXIT_CODE: n</c>;
/// without, both go out as Output and no exit code is sent (the real agent also buffers until exit; we stream).
/// Client input counts only as signals: 0x03 interrupts, 0x1c quits.
/// </summary>
internal static class CommandSessionRunner
{
    /// <summary>What a shell reports for a command it cannot run.</summary>
    private const int CannotRunExitCode = 127;

    public static async Task RunAsync(AgentSessionContext context, CancellationToken cancellationToken)
    {
        var plan = context.Plan;
        var handshake = await new AgentHandshake(context.Handshake).RunAsync(
            context.Channel, new AgentSessionParameters(plan.SessionType, null, plan.KmsKeyId), cancellationToken);
        using var cipher = handshake.Cipher;
        var stream = new AgentSessionStream(context.Channel, cipher);

        IContainerProcess process;
        try
        {
            process = await context.Host.StartProcessAsync(context.Container, new ContainerProcessStart(plan.Argv, UsePty: false), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var message = Encoding.UTF8.GetBytes($"{InteractiveSessionRunner.StartFailure(plan, ex)}\n");
            if (plan.SeparateOutputStream)
            {
                await stream.WriteStandardErrorAsync(message, cancellationToken);
                await stream.WriteExitCodeAsync(CannotRunExitCode, cancellationToken);
            }
            else
            {
                await stream.WriteOutputAsync(message, cancellationToken);
            }

            return;
        }

        ProcessOutcome outcome;
        await using (process)
        {
            var stderrType = plan.SeparateOutputStream ? PayloadType.StdErr : PayloadType.Output;
            outcome = await ContainerProcessSession.RunAsync(context, process, stream, signalsOnly: true, stderrType, cancellationToken);
        }

        if (outcome.Exited && plan.SeparateOutputStream)
        {
            await stream.WriteExitCodeAsync(outcome.ExitCode, cancellationToken);
        }
    }
}
