using EcsOps.Protocol.Channels;
using EcsOps.Protocol.Handshake;
using EcsOps.Protocol.Sessions;
using EcsOps.Sandbox.Containers;
using EcsOps.Sandbox.Gateway;
using EcsOps.Sandbox.Ssm;

namespace EcsOps.Sandbox.Agent;

/// <summary>
/// One session as the agent lives it (fact sheet §8): open the agent side of the data channel, wait for the
/// client, run the session by its document, then flush (bounded), report agent_session_state Terminating
/// and wait for the service's channel_closed. Whatever goes wrong, the session ends in the registry.
/// </summary>
internal sealed class AgentSession(
    SessionRecord session,
    SessionPlan plan,
    ContainerContext container,
    IContainerProcessHost host,
    SessionRegistry registry,
    AgentHandshakeOptions handshake,
    ContainerAgentOptions options,
    ILogger logger)
{
    /// <summary>How long the agent waits for the service to answer Terminating with channel_closed.</summary>
    private static readonly TimeSpan s_closeWait = TimeSpan.FromSeconds(5);

    public async Task RunAsync(CancellationToken sandboxStopping)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(sandboxStopping);
        var run = RunUntilStoppedAsync(stopping.Token);

        // The agent lives in the task, so its sessions end with the container. A shell's or command's process ends
        // with it anyway; a port session has none, so it is ended here (the service then tells the client).
        if (plan.SessionType == SessionType.Port && await Task.WhenAny(run, host.WhenStoppedAsync(container)) != run)
        {
            await stopping.CancelAsync();
        }

        await run;
    }

    private async Task RunUntilStoppedAsync(CancellationToken cancellationToken)
    {
        var connector = new AgentChannelConnector(registry, session);
        var channelOptions = new DataChannelOptions
        {
            ClientInstanceId = session.Target,
            SendPacing = options.Pacing,
        };
        await using var channel = new DataChannel(DataChannelRole.Agent, connector, channelOptions, options.TimeProvider);
        try
        {
            await channel.OpenAsync(cancellationToken);
            if (!await registry.WaitForClientAsync(session.SessionId, cancellationToken))
            {
                return;
            }

            var context = new AgentSessionContext(session, plan, container, host, channel, handshake, options, logger);
            await (plan.SessionType switch
            {
                SessionType.Port => PortSessionRunner.RunAsync(context, cancellationToken),
                SessionType.NonInteractiveCommands => CommandSessionRunner.RunAsync(context, cancellationToken),
                _ => InteractiveSessionRunner.RunAsync(context, cancellationToken),
            });
            await ReportTerminatingAsync(channel, connector, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "session {SessionId} on {Target} failed", session.SessionId, session.Target);
        }
        finally
        {
            // Ended without the service hearing Terminating (failure, socket down): end it here, as the real
            // service does when the agent's socket is gone for good.
            registry.SetState(session.SessionId, SessionState.Terminated);
        }
    }

    /// <summary>The process is done: wait for acks (bounded), tell the service, wait for its channel_closed.</summary>
    private async Task ReportTerminatingAsync(DataChannel channel, AgentChannelConnector connector, CancellationToken cancellationToken)
    {
        if (channel.State is not (DataChannelState.Open or DataChannelState.Resuming))
        {
            return;
        }

        using (var flushTimeout = new CancellationTokenSource(options.FlushTimeout, options.TimeProvider))
        using (var flushDeadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, flushTimeout.Token))
        {
            try
            {
                await channel.FlushAsync(flushDeadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Real agents give up after about 2 s too; what is unacknowledged is lost.
            }
        }

        if (connector.Current is not { } socket || channel.State != DataChannelState.Open)
        {
            return;
        }

        await socket.SendSessionStateAsync(
            session.SessionId, AgentSessionStatePayload.Terminating, options.TimeProvider.GetUtcNow(), cancellationToken);
        try
        {
            await channel.Completion.WaitAsync(s_closeWait, options.TimeProvider, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // No channel_closed in time, or the socket broke: the registry is told in RunAsync either way.
            if (logger.IsEnabled(LogLevel.Debug))
            {
                logger.LogDebug(ex, "session {SessionId}: no channel_closed after Terminating", session.SessionId);
            }
        }
    }
}
