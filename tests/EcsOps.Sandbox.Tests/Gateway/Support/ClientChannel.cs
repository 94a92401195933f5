using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using EcsOps.Protocol.Channels;
using EcsOps.Protocol.Transport;

namespace EcsOps.Sandbox.Tests.Gateway.Support;

/// <summary>
/// The client end of a session over a real websocket to the gateway, the way `ecsops` will dial it: the
/// first connect uses the StartSession token, every reconnect runs ssm:ResumeSession for a new one.
/// </summary>
public sealed class ClientChannel : IAsyncDisposable
{
    private readonly AmazonSimpleSystemsManagementClient _ssm;
    private readonly List<string> _tokens = [];

    private ClientChannel(SessionHandle session, AmazonSimpleSystemsManagementClient ssm, DataChannelOptions options)
    {
        Session = session;
        _ssm = ssm;
        _tokens.Add(session.TokenValue);
        Channel = new DataChannel(DataChannelRole.Client, new WebSocketConnector(EndpointAsync), options);
    }

    public SessionHandle Session { get; }

    public DataChannel Channel { get; }

    /// <summary>Tokens used so far: the first from StartSession, one per ResumeSession.</summary>
    public IReadOnlyList<string> Tokens
    {
        get
        {
            lock (_tokens)
            {
                return [.. _tokens];
            }
        }
    }

    public static async Task<ClientChannel> OpenAsync(
        SessionHandle session, AmazonSimpleSystemsManagementClient ssm, DataChannelOptions? options = null)
    {
        var client = new ClientChannel(session, ssm, options ?? DataChannelOptions.Default);
        await client.Channel.OpenAsync(TestDeadline.Token()).WithinTestDeadline();
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await Channel.DisposeAsync();
        _ssm.Dispose();
    }

    private async ValueTask<DataChannelEndpoint> EndpointAsync(bool resume, CancellationToken cancellationToken)
    {
        if (!resume)
        {
            return new DataChannelEndpoint(new Uri(Session.StreamUrl), Session.TokenValue);
        }

        ResumeSessionResponse resumed;
        try
        {
            resumed = await _ssm.ResumeSessionAsync(new ResumeSessionRequest { SessionId = Session.SessionId }, cancellationToken);
        }
        catch (DoesNotExistException ex)
        {
            throw new TransportException($"the session is over: {ex.Message}", isTransient: false, ex);
        }

        lock (_tokens)
        {
            _tokens.Add(resumed.TokenValue);
        }

        return new DataChannelEndpoint(new Uri(resumed.StreamUrl), resumed.TokenValue);
    }
}
