using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EcsOps.Server.Tests.Support;

/// <summary>
/// Slack's side of response_url on 127.0.0.1: a real HTTP server that keeps every JSON message POSTed to it, so
/// tests can wait for the messages the service sends.
/// </summary>
public sealed class SlackReceiver : IAsyncDisposable
{
    /// <summary>Hang guard while waiting for a message.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly WebApplication _app;
    private readonly List<(string Path, JsonObject Message)> _messages = [];
    private readonly SemaphoreSlim _arrived = new(0);

    private SlackReceiver(WebApplication app) => _app = app;

    /// <summary>The base URL; the service is configured to allow it as a response_url prefix.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<SlackReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new SlackReceiver(app);
        app.MapPost("/{**path}", async (HttpContext context) =>
        {
            var message = await JsonNode.ParseAsync(context.Request.Body) as JsonObject ?? [];
            lock (receiver._messages)
            {
                receiver._messages.Add((context.Request.Path.Value!, message));
            }

            receiver._arrived.Release();
            return Results.Text("ok");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseUrl = new Uri(address + "/");
        return receiver;
    }

    /// <summary>A response_url of this receiver, unique per request so that tests can tell conversations apart.</summary>
    public string NewResponseUrl() => new Uri(BaseUrl, "commands/" + Guid.NewGuid().ToString("N")).ToString();

    /// <summary>Messages received so far at <paramref name="url"/>, in order.</summary>
    public IReadOnlyList<JsonObject> MessagesAt(string url)
    {
        var path = new Uri(url).AbsolutePath;
        lock (_messages)
        {
            return [.. _messages.Where(m => m.Path == path).Select(m => m.Message)];
        }
    }

    /// <summary>Waits for a message at <paramref name="url"/> whose text contains <paramref name="fragment"/>.</summary>
    public async Task<JsonObject> WaitForAsync(string url, string fragment)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (true)
        {
            if (MessagesAt(url).FirstOrDefault(m => (m["text"]?.ToString() ?? "").Contains(fragment, StringComparison.Ordinal)) is { } found)
            {
                return found;
            }

            try
            {
                await _arrived.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException(
                    $"no message containing '{fragment}' reached {url} within {Deadline}; got: {string.Join(" | ", MessagesAt(url).Select(m => m.ToJsonString()))}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _arrived.Dispose();
    }
}
