using System.Globalization;
using System.Net.Sockets;
using EcsOps.Protocol.Handshake;
using EcsOps.Protocol.Sessions;
using EcsOps.Protocol.Sessions.Port;

namespace EcsOps.Sandbox.Agent;

/// <summary>
/// Port sessions (fact sheet §7): handshake with the document's properties, then multiplexed (smux) or
/// basic forwarding as the agent's own version and the client's decide. The destination is the container's port, which in
/// the sandbox is a local port (127.0.0.1:portNumber, or where the runtime mapped it), or <c>host:portNumber</c> for remote-host documents.
/// </summary>
internal static class PortSessionRunner
{
    public static async Task RunAsync(AgentSessionContext context, CancellationToken cancellationToken)
    {
        var properties = context.Plan.Port!;
        if (!int.TryParse(properties.PortNumber, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new ArgumentException($"portNumber '{properties.PortNumber}' is not a port");
        }

        // The container's own port is a loopback port in the sandbox, possibly remapped so that tasks do not collide.
        var host = string.IsNullOrEmpty(properties.Host) ? "127.0.0.1" : properties.Host;
        if (string.IsNullOrEmpty(properties.Host) && context.Container.LoopbackPorts.TryGetValue(port, out var loopbackPort))
        {
            port = loopbackPort;
        }
        var handshake = await new AgentHandshake(context.Handshake).RunAsync(
            context.Channel, new AgentSessionParameters(SessionType.Port, properties.ToJsonElement()), cancellationToken);
        var clientVersion = handshake.ClientVersion ?? "";
        Task<Stream> Dial(CancellationToken token) => DialAsync(host, port, token);

        if (PortForwardingModeSelector.SelectForAgent(context.Handshake.AgentVersion, clientVersion, properties.Type) == PortForwardingMode.Multiplexed)
        {
            await using var mux = new MuxPortForwardingAgent(context.Channel, clientVersion, Dial, timeProvider: context.Options.TimeProvider);
            await mux.RunAsync(cancellationToken);
        }
        else
        {
            var basic = new BasicPortForwardingAgent(context.Channel, Dial, endWhenDestinationCloses: properties.Type is null);
            await basic.RunAsync(cancellationToken);
        }
    }

    private static async Task<Stream> DialAsync(string host, int port, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
