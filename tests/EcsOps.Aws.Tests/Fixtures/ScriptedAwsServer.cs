using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EcsOps.Aws.Tests.Fixtures;

/// <summary>
/// A loopback HTTP server that answers every request with whatever the test's script says, like an AWS JSON
/// endpoint would, and records what it received. For behaviour the sandbox cannot produce on demand (throttling,
/// garbage, Organizations).
/// </summary>
internal sealed class ScriptedAwsServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ScriptedAwsServer(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public static async Task<ScriptedAwsServer> StartAsync(Func<RecordedRequest, ScriptedResponse> script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        ScriptedAwsServer? server = null;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var recorded = new RecordedRequest(
                context.Request.Method,
                context.Request.Headers["X-Amz-Target"].ToString(),
                context.Request.Headers.Authorization.ToString(),
                context.Request.ContentType,
                context.Request.Headers["amz-sdk-request"].ToString(),
                await reader.ReadToEndAsync(context.RequestAborted));
            server!.Requests.Enqueue(recorded);
            var response = script(recorded);
            context.Response.StatusCode = response.Status;
            context.Response.ContentType = response.ContentType;
            context.Response.Headers["x-amzn-RequestId"] = "req-" + server.Requests.Count;
            foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }

            await context.Response.WriteAsync(response.Body, context.RequestAborted);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new ScriptedAwsServer(app, new Uri(address));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>What the scripted server received.</summary>
internal sealed record RecordedRequest(string Method, string Target, string Authorization, string? ContentType, string SdkRequest, string Body);

/// <summary>What the scripted server answers.</summary>
internal sealed record ScriptedResponse(int Status, string Body, string ContentType = "application/x-amz-json-1.1")
{
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    public static ScriptedResponse Json(string body) => new(200, body);

    /// <summary>An AWS JSON error with <c>__type</c> and <c>message</c>.</summary>
    public static ScriptedResponse Error(int status, string code, string message) =>
        new(status, $$"""{"__type":"{{code}}","message":"{{message}}"}""");
}
