using EcsOps.Aws.Config.Server;
using EcsOps.Server.Approvals;
using EcsOps.Server.Audit;
using EcsOps.Server.Jobs;
using EcsOps.Server.Jobs.Sql;
using EcsOps.Server.Policy;
using EcsOps.Server.Runs;
using EcsOps.Server.Security;
using EcsOps.Server.Slack;
using EcsOps.Server.Submissions;
using EcsOps.Server.Tickets;
using EcsOps.Server.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace EcsOps.Server.Hosting;

/// <summary>
/// <c>ecsops serve</c> running in-process: Kestrel on the configured address, the Slack, ticket, read and page
/// endpoints, and this replica's job workers. Start it, use <see cref="Endpoint"/>, dispose it to stop (running jobs
/// get <see cref="ServerConfig.ShutdownGrace"/> to finish).
/// </summary>
public sealed class ServerHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SqlJobStore _store;

    private ServerHost(WebApplication app, SqlJobStore store, ServerConfig config, Uri endpoint)
    {
        _app = app;
        _store = store;
        Config = config;
        Endpoint = endpoint;
    }

    /// <summary>The listening address, e.g. <c>http://127.0.0.1:8080/</c>.</summary>
    public Uri Endpoint { get; }

    public ServerConfig Config { get; }

    /// <summary>What and where the job store is (no credentials).</summary>
    public string StoreDescription => _store.Description;

    internal IJobStore Store => _store;

    /// <summary>Resolves the secrets, opens (and if needed creates) the job store, and starts listening and working.</summary>
    /// <exception cref="Aws.Config.ConfigException">The server section or a secret it names is invalid or missing.</exception>
    public static async Task<ServerHost> StartAsync(ServerHostOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var server = options.Server ?? ServerConfigReader.Read(options.Config);
        if (options.Port is { } port)
        {
            server = server with { Port = port };
        }

        var resolver = new SecretResolver(options.Environment, options.Aws, options.Config.SourcePath);
        var secrets = await ServerSecrets.ResolveAsync(server, resolver, cancellationToken);
        var store = JobStoreLocation.Open(server, secrets, options.Config, options.Environment);
        try
        {
            await store.InitializeAsync(cancellationToken);
            var app = Build(options, server, secrets, store);
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch
            {
                await app.DisposeAsync();
                throw;
            }

            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new ServerHost(app, store, server, new Uri(address.EndsWith('/') ? address : address + "/"));
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _store.DisposeAsync();
    }

    private static WebApplication Build(ServerHostOptions options, ServerConfig server, ServerSecrets secrets, SqlJobStore store)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = typeof(ServerHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(server.ListenAddress, server.Port);
            kestrel.AddServerHeader = false;

            // Our own reader refuses bodies over RequestBody.MaxBytes with a 413 and an audit event; Kestrel's limit
            // is only the backstop, set above ours so that ours is what callers see.
            kestrel.Limits.MaxRequestBodySize = 2 * RequestBody.MaxBytes;
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss ";
        });
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(console =>
        {
            // stdout is for what the service tells its operator (the address it listens on); the log goes to stderr.
            console.LogToStandardErrorThreshold = LogLevel.Trace;
        });
        builder.Logging.SetMinimumLevel(options.MinimumLogLevel);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = server.ShutdownGrace + TimeSpan.FromSeconds(15));
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        AddServices(builder.Services, options, server, secrets, store);
        builder.Services.AddHostedService(services => services.GetRequiredService<JobWorker>());

        var app = builder.Build();
        app.UseSecurityHeaders();
        app.MapSlackApi();
        app.MapTicketApi();
        app.MapRunsApi();
        app.MapWebPage();
        return app;
    }

    private static void AddServices(IServiceCollection services, ServerHostOptions options, ServerConfig server, ServerSecrets secrets, IJobStore store)
    {
        var storeAudit = new StoreServerAudit(store);
        IServerAudit audit = options.AuditTrail is { } trail ? new CombinedServerAudit([storeAudit, trail]) : storeAudit;
        services.AddSingleton(server);
        services.AddSingleton(secrets);
        services.AddSingleton(store);
        services.AddSingleton(audit);
        services.AddSingleton(options.TimeProvider);
        services.AddSingleton(options.Catalog);
        services.AddSingleton(options.Runner);
        services.AddSingleton(new AccessPolicy(server));
        services.AddSingleton(new SlackMessages(server.PublicUrl));
        services.AddSingleton(services => new SlackResponder(
            options.SlackHttpClient ?? new HttpClient { Timeout = TimeSpan.FromSeconds(10) }, server.Slack, services.GetRequiredService<ILogger<SlackResponder>>()));
        services.AddSingleton<IRunNotifier, SlackRunNotifier>();
        services.AddSingleton<JobSignal>();
        services.AddSingleton<RefusalAudit>();
        services.AddSingleton<ReplayGuard>();
        services.AddSingleton<SignedRequestReader>();
        services.AddSingleton<ViewerAuthentication>();
        services.AddSingleton<RunSubmitter>();
        services.AddSingleton<RunApprovals>();
        services.AddSingleton<SlackEndpoints>();
        services.AddSingleton<TicketEndpoints>();
        services.AddSingleton<JobWorker>();
    }
}
