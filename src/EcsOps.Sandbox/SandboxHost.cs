using System.Net;
using EcsOps.Sandbox.Containers;
using EcsOps.Sandbox.Agent;
using EcsOps.Sandbox.Ec2;
using EcsOps.Sandbox.Ecs;
using EcsOps.Sandbox.Faults;
using EcsOps.Sandbox.Gateway;
using EcsOps.Sandbox.Http;
using EcsOps.Sandbox.Identity;
using EcsOps.Sandbox.Kms;
using EcsOps.Sandbox.Logs;
using EcsOps.Sandbox.S3;
using EcsOps.Sandbox.SecretsManager;
using EcsOps.Sandbox.Ssm;
using EcsOps.Sandbox.Sts;
using EcsOps.Sandbox.World;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EcsOps.Sandbox;

/// <summary>
/// The sandbox running in-process on 127.0.0.1: start it, point AWS clients at <see cref="Endpoint"/> with one of
/// the world's access keys, dispose it. Used by tests, by the sandbox program, and later by `ecsops sandbox`.
/// </summary>
public sealed class SandboxHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string? _ownedDataDirectory;

    private SandboxHost(WebApplication app, WorldDefinition world, string dataDirectory, bool ownsDataDirectory, int port)
    {
        _app = app;
        World = world;
        DataDirectory = dataDirectory;
        _ownedDataDirectory = ownsDataDirectory ? dataDirectory : null;
        Port = port;
        Endpoint = new Uri($"http://127.0.0.1:{port}");
    }

    /// <summary>The base URL to use as the endpoint of every service, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri Endpoint { get; }

    public int Port { get; }

    public WorldDefinition World { get; }

    /// <summary>Where S3 data and containers' working directories (<c>containers/&lt;task id&gt;/&lt;container&gt;</c>) are stored.</summary>
    public string DataDirectory { get; }

    /// <summary>Services of the running sandbox (stores, registries) for tests and the gateway.</summary>
    public IServiceProvider Services => _app.Services;

    public SessionRegistry Sessions => Services.GetRequiredService<SessionRegistry>();

    public EcsStore Ecs => Services.GetRequiredService<EcsStore>();

    /// <summary>The message gateway: open sockets, forced disconnects, agent restarts.</summary>
    public MessageGateway Gateway => Services.GetRequiredService<MessageGateway>();

    /// <summary>The exec agent serving sessions.</summary>
    public ContainerAgent Agent => Services.GetRequiredService<ContainerAgent>();

    /// <summary>The faults in force; replace them with <see cref="SandboxFaults.Apply"/>.</summary>
    public SandboxFaults Faults => Services.GetRequiredService<SandboxFaults>();

    /// <summary>Starts a sandbox; the returned host is listening.</summary>
    public static async Task<SandboxHost> StartAsync(SandboxOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var world = options.World
            ?? (options.WorldFile is not null ? WorldLoader.LoadFile(options.WorldFile) : WorldLoader.LoadDefault());
        var ownsDataDirectory = options.DataDirectory is null;
        var dataDirectory = options.DataDirectory ?? Directory.CreateTempSubdirectory("ecsops-sandbox-").FullName;
        Directory.CreateDirectory(dataDirectory);

        try
        {
            var app = await BuildAndStartAsync(options, world, dataDirectory, cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new SandboxHost(app, world, dataDirectory, ownsDataDirectory, new Uri(address).Port);
        }
        catch when (ownsDataDirectory)
        {
            Directory.Delete(dataDirectory, recursive: true);
            throw;
        }
    }

    private static async Task<WebApplication> BuildAndStartAsync(
        SandboxOptions options, WorldDefinition world, string dataDirectory, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = typeof(SandboxHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            kestrel.AddServerHeader = false;

            // S3 objects stream to disk, so the body size is not a memory concern; JSON bodies are capped by the pipeline.
            kestrel.Limits.MaxRequestBodySize = null;
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.SetMinimumLevel(options.MinimumLogLevel);

        // A failed start (port in use) surfaces as the exception StartAsync throws; the host need not log it too.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.Services.AddRouting();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, AwsServiceMatcherPolicy>());
        builder.Services.AddSingleton(world);
        builder.Services.AddSingleton(options.TimeProvider);
        builder.Services.AddSingleton<CredentialStore>();
        builder.Services.AddSingleton<EcsStore>();
        builder.Services.AddContainerRuntime(options, dataDirectory);
        builder.Services.AddSingleton<EcsTaskScheduler>();
        builder.Services.AddSingleton<SessionRegistry>();
        builder.Services.AddSingleton<LogStore>();
        builder.Services.AddSingleton<KmsKeyRing>();
        builder.Services.AddSingleton<Ec2Network>();
        builder.Services.AddSingleton<SecretStore>();
        builder.Services.AddSingleton(services =>
        {
            var store = new S3ObjectStore(dataDirectory, services.GetRequiredService<TimeProvider>());
            store.CreateWorldBuckets(world);
            return store;
        });
        builder.Services.AddSandboxSessions(options);

        var app = builder.Build();
        app.UseTaskCredentialsEndpoint();
        app.UseSandboxSessions();
        app.UseMiddleware<AwsRequestMiddleware>();
        app.UseMiddleware<ApiFaultMiddleware>();
        app.UseRouting();
        app.MapEcsApi();
        app.MapSsmApi();
        app.MapLogsApi();
        app.MapKmsApi();
        app.MapSecretsManagerApi();
        app.MapStsApi();
        app.MapEc2Api();
        app.MapS3Api();
        app.MapFallback("{**path}", (HttpContext context) =>
        {
            throw new AwsErrorException("MethodNotAllowed", $"The {context.Request.Method} method is not allowed here.", 405);
        });

        try
        {
            await app.StartAsync(cancellationToken);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The environment a shell or child process needs to use the sandbox as <paramref name="account"/>
    /// (the first account by default) in <paramref name="region"/> (the first region by default).
    /// </summary>
    public IReadOnlyDictionary<string, string> EnvironmentFor(AccountDefinition? account = null, string? region = null)
    {
        account ??= World.Accounts[0];
        region ??= World.Regions[0];
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS_ENDPOINT_URL"] = Endpoint.ToString().TrimEnd('/'),
            ["AWS_ACCESS_KEY_ID"] = account.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = account.SecretAccessKey,
            ["AWS_REGION"] = region,
            ["AWS_DEFAULT_REGION"] = region,
        };
    }

    /// <summary>
    /// <see cref="EnvironmentFor"/> for a client that must see nothing of the machine's AWS or XDG setup: HOME and the
    /// XDG directories in <paramref name="home"/>, no shared config or credentials file, no instance metadata.
    /// </summary>
    public IReadOnlyDictionary<string, string> IsolatedEnvironmentFor(string home, AccountDefinition? account = null, string? region = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(home);
        return new Dictionary<string, string>(EnvironmentFor(account, region), StringComparer.Ordinal)
        {
            ["HOME"] = home,
            ["XDG_CONFIG_HOME"] = Path.Combine(home, ".config"),
            ["XDG_CACHE_HOME"] = Path.Combine(home, ".cache"),
            ["AWS_CONFIG_FILE"] = Path.Combine(home, "no-aws-config"),
            ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(home, "no-aws-credentials"),
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["AWS_PAGER"] = "",
            ["DOTNET_NOLOGO"] = "1",
        };
    }

    public async ValueTask DisposeAsync()
    {
        // Stopping the server first; disposing the container then disposes the task scheduler.
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownedDataDirectory is not null && Directory.Exists(_ownedDataDirectory))
        {
            Directory.Delete(_ownedDataDirectory, recursive: true);
        }
    }
}
