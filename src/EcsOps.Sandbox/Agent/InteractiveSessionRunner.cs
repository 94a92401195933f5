using System.Text;
using EcsOps.Protocol.Framing;
using EcsOps.Protocol.Handshake;
using EcsOps.Protocol.Sessions;
using EcsOps.Sandbox.Containers;

namespace EcsOps.Sandbox.Agent;

/// <summary>
/// Standard_Stream and InteractiveCommands (fact sheet §6): the shell, or the command's argv run directly,
/// in a PTY. No handshake unless the session is KMS-encrypted. Keyboard bytes (0x03 included) go to the
/// PTY as they are; Size messages resize it.
/// </summary>
internal static class InteractiveSessionRunner
{
    public static async Task RunAsync(AgentSessionContext context, CancellationToken cancellationToken)
    {
        var plan = context.Plan;
        var encrypted = plan.KmsKeyId is not null;
        var handshake = AgentHandshake.IsRequired(plan.SessionType, encrypted)
            ? await new AgentHandshake(context.Handshake).RunAsync(
                context.Channel, new AgentSessionParameters(plan.SessionType, null, plan.KmsKeyId), cancellationToken)
            : null;
        using var cipher = handshake?.Cipher;
        var stream = new AgentSessionStream(context.Channel, cipher);

        IContainerProcess process;
        try
        {
            process = await context.Host.StartProcessAsync(context.Container, new ContainerProcessStart(plan.Argv, UsePty: true), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await stream.WriteOutputAsync(Encoding.UTF8.GetBytes($"{StartFailure(plan, ex)}\r\n"), cancellationToken);
            return;
        }

        await using (process)
        {
            await ContainerProcessSession.RunAsync(context, process, stream, signalsOnly: false, PayloadType.Output, cancellationToken);
        }
    }

    internal static string StartFailure(SessionPlan plan, Exception ex) =>
        $"{(plan.Argv.Count == 0 ? "/bin/sh" : plan.Argv[0])}: cannot start: {ex.Message}";
}
