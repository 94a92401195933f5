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
/// endpoints, and this replica's job workers. Start it, use <see cref="Endpoint"/>, stop it with <see cref="StopAsync"/>
/// (running jobs get <see cref="ServerConfig.ShutdownGrace"/> to finish) to learn whether it stopped in order, and
/// dispose it (which stops it first if nobody did).
/// </summary>
public sealed class ServerHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SqlJobStore _store;
    private readonly TimeSpan _stopMargin;
    private Task? _stopping;
    private bool _storeClosed;

    private ServerHost(WebApplication app, SqlJobStore store, ServerConfig config, Uri endpoint, TimeSpan stopMargin)
    {
        _app = app;
        _store = store;
        _stopMargin = stopMargin;
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
        var store = OpenStore(server, secrets, options);
        try
        {
            await InitializeAsync(store, cancellationToken);
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
            return new ServerHost(app, store, server, new Uri(address.EndsWith('/') ? address : address + "/"), options.StopMargin);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Stops listening and claiming runs, lets running jobs go on for <see cref="ServerConfig.ShutdownGrace"/>, stops
    /// the rest and waits for them to be recorded, then closes the job store.
    /// </summary>
    /// <exception cref="ServerShutdownException">
    /// That did not happen in order: runs were still going after they were stopped, or a part failed to stop.
    /// </exception>
    public Task StopAsync() => _stopping ??= StopInOrderAsync();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (ServerShutdownException)
        {
            // Whoever wanted to know asked StopAsync; disposing only releases what is left.
        }

        await _app.DisposeAsync();
        if (!_storeClosed)
        {
            // The stop failed before it got there: the runs that kept it busy are gone with the app now.
            await _store.DisposeAsync();
        }
    }

    private async Task StopInOrderAsync()
    {
        var worker = _app.Services.GetRequiredService<JobWorker>();
        Exception? failure = null;
        try
        {
            await _app.StopAsync(CancellationToken.None);
        }
        catch (Exception error)
        {
            failure = error;
        }

        if (worker.ExecuteTask is { IsCompleted: false })
        {
            throw new ServerShutdownException(
                $"runs were still going {(Config.ShutdownGrace + _stopMargin).TotalSeconds:0.###}s after the service began to stop " +
                $"(server.shutdownGrace, then {_stopMargin.TotalSeconds:0.###}s for the stopped runs to end); their leases will expire " +
                "and another replica, or the next start, will recover them");
        }

        if (worker.ExecuteTask is { IsFaulted: true } crashed)
        {
            failure ??= crashed.Exception.InnerException;
        }

        try
        {
            _storeClosed = true;
            await _store.DisposeAsync();
        }
        catch (Exception error)
        {
            failure ??= error;
        }

        if (failure is not null)
        {
            throw new ServerShutdownException($"the service did not stop cleanly: {failure.Message}", failure);
        }
    }

    private static SqlJobStore OpenStore(ServerConfig server, ServerSecrets secrets, ServerHostOptions options)
    {
        try
        {
            return JobStoreLocation.Open(server, secrets, options.Config, options.Environment);
        }
        catch (Exception error) when (error is TypeInitializationException or DllNotFoundException or ArgumentException or IOException
                                           or UnauthorizedAccessException)
        {
            throw Unavailable("the job store", error);
        }
    }

    private static async Task InitializeAsync(SqlJobStore store, CancellationToken cancellationToken)
    {
        try
        {
            await store.InitializeAsync(cancellationToken);
        }
        catch (Exception error) when (error is System.Data.Common.DbException or TypeInitializationException or DllNotFoundException or IOException
                                           or UnauthorizedAccessException or TimeoutException)
        {
            throw Unavailable(store.Description, error);
        }
    }

    private static JobStoreUnavailableException Unavailable(string what, Exception error)
    {
        var innermost = error;
        while (innermost.InnerException is { } inner)
        {
            innermost = inner;
        }

        var hint = innermost is DllNotFoundException
            ? "; the native SQLite library (libe_sqlite3) must be next to the ecsops binary, or use server.store.postgres"
            : "";
        return new JobStoreUnavailableException($"cannot open {what}: {innermost.Message}{hint}", error);
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
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = server.ShutdownGrace + options.StopMargin);
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
