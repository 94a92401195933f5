using System.Net;
using System.Net.WebSockets;
using EcsOps.Protocol.Channels;
using EcsOps.Protocol.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace EcsOps.Bench;

/// <summary>
/// A client DataChannel and an agent DataChannel joined by one real websocket over 127.0.0.1, the agent
/// end served by Kestrel. There is no relay in between: this measures our protocol stack alone.
/// </summary>
internal sealed class WebSocketChannelPair : IAsyncDisposable
{
    private readonly WebApplication _server;

    private WebSocketChannelPair(WebApplication server, DataChannel client, DataChannel agent)
    {
        _server = server;
        Client = client;
        Agent = agent;
    }

    public DataChannel Client { get; }

    public DataChannel Agent { get; }

    public static async Task<WebSocketChannelPair> OpenAsync(DataChannelOptions agentOptions, CancellationToken cancellationToken)
    {
        var accepted = new TaskCompletionSource<(WebSocket Socket, TaskCompletionSource Done)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http1));
        var app = builder.Build();
        app.UseWebSockets();
        app.Map("/v1/data-channel/bench", async (HttpContext context) =>
        {
            var socket = await context.WebSockets.AcceptWebSocketAsync();
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            accepted.TrySetResult((socket, done));
            await done.Task;
        });
        await app.StartAsync(cancellationToken);
        var port = new Uri(app.Urls.First()).Port;
        var url = new Uri($"ws://127.0.0.1:{port}/v1/data-channel/bench?role=publish_subscribe");

        var client = new DataChannel(
            DataChannelRole.Client,
            new WebSocketConnector((_, _) => ValueTask.FromResult(new DataChannelEndpoint(url, "bench-token"))),
            DataChannelOptions.Default with { Reconnect = false });
        var agentConnector = new AcceptedSocketConnector(accepted.Task);
        var agent = new DataChannel(DataChannelRole.Agent, agentConnector, agentOptions with { Reconnect = false, ClientInstanceId = "bench" });
        await client.OpenAsync(cancellationToken);
        await agent.OpenAsync(cancellationToken);
        return new WebSocketChannelPair(app, client, agent);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Agent.DisposeAsync();
        await _server.StopAsync();
        await _server.DisposeAsync();
    }

    /// <summary>Hands the agent channel the socket Kestrel accepted; there is nothing to resume.</summary>
    private sealed class AcceptedSocketConnector(Task<(WebSocket Socket, TaskCompletionSource Done)> accepted) : IDataChannelConnector
    {
        public async Task<DataChannelConnection> ConnectAsync(bool resume, CancellationToken cancellationToken)
        {
            if (resume)
            {
                throw new TransportException("the bench agent cannot reconnect", isTransient: false);
            }

            var (socket, _) = await accepted.WaitAsync(cancellationToken);
            return new DataChannelConnection(new WebSocketMessageTransport(socket), "bench-token");
        }
    }
}
