using EcsOps.Aws;
using EcsOps.Aws.Config;
using EcsOps.Aws.Credentials;
using EcsOps.Aws.Signing;
using EcsOps.Sandbox;
using EcsOps.Sandbox.World;

namespace EcsOps.Cli.Tests.Support;

/// <summary>
/// The sandbox (by default: the default world unless a subclass gives its own, real container processes, agent pacing
/// off; see <see cref="Options"/>) in-process on 127.0.0.1 port 0, and a private home for the ecsops processes the tests
/// start: HOME, XDG_CONFIG_HOME and XDG_CACHE_HOME in a temporary directory, which is also their working directory, so
/// the discovery cache and config are the test's own. The ecsops processes act as the world's first account.
/// Fixtures that need more (another world built at start, a database) derive and override
/// <see cref="CreateOptionsAsync"/>, <see cref="InitializeAsync"/> and <see cref="DisposeAsync"/>.
/// </summary>
public class CliSandboxFixture : IAsyncLifetime
{
    /// <summary>How the sandbox starts; the default world with real processes and no agent pacing unless set.</summary>
    public SandboxOptions Options { get; init; } = new() { AgentPacing = TimeSpan.Zero };

    public SandboxHost Host { get; private set; } = null!;

    /// <summary>Working directory and home of the ecsops processes.</summary>
    public string Home { get; private set; } = null!;

    /// <summary>The variables every ecsops process gets: the dev account's credentials in us-east-1.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; private set; } = null!;

    /// <summary>The world YAML file to serve; null for the built-in default world (unless <see cref="World"/> gives one).</summary>
    protected virtual string? WorldFile => null;

    public virtual async Task InitializeAsync()
    {
        Host = await SandboxHost.StartAsync(await CreateOptionsAsync());
        Home = Directory.CreateTempSubdirectory("ecsops-cli-tests-").FullName;
        Environment = Host.IsolatedEnvironmentFor(Home);
    }

    /// <summary>The world to serve, parsed already; when null, <see cref="WorldFile"/> or the built-in default world.</summary>
    protected virtual WorldDefinition? World => null;

    public virtual async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Delete(Home, recursive: true);
    }

    /// <summary>How the sandbox starts: <see cref="World"/> or <see cref="WorldFile"/> (or the default world), agent pacing off.</summary>
    protected virtual Task<SandboxOptions> CreateOptionsAsync() =>
        Task.FromResult(Options with { World = World ?? Options.World, WorldFile = WorldFile ?? Options.WorldFile });

    /// <summary>Starts ecsops; the caller drives stdin and stdout.</summary>
    public EcsOpsProcess Start(IEnumerable<string> arguments, bool captureStdout = true, IReadOnlyDictionary<string, string>? extra = null)
    {
        var environment = new Dictionary<string, string>(Environment);
        foreach (var (name, value) in extra ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        return EcsOpsProcess.Start(environment, Home, arguments, captureStdout);
    }

    /// <summary>Runs ecsops to the end with <paramref name="stdin"/> (empty when null) and returns what it wrote.</summary>
    public async Task<CliResult> RunAsync(IEnumerable<string> arguments, Stream? stdin = null)
    {
        await using var process = Start(arguments);
        var feed = FeedAsync(process.StandardInput, stdin);
        var result = await process.WaitAsync();
        await feed;
        return result;
    }

    public Task<CliResult> RunAsync(params string[] arguments) => RunAsync(arguments, stdin: null);

    /// <summary>Runs ecsops to the end with extra environment variables (and empty stdin).</summary>
    public async Task<CliResult> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> extra)
    {
        await using var process = Start(arguments, extra: extra);
        process.StandardInput.Close();
        return await process.WaitAsync();
    }

    /// <summary>Our AWS clients pointed at the sandbox, for tests that read back what ecsops stored.</summary>
    public AwsClientFactory Clients() => AwsClientFactory.FromEnvironment(new EnvironmentVariables(Environment));

    /// <summary>The dev account's credentials (the ones the ecsops processes use).</summary>
    public IAwsCredentialsProvider DevCredentials =>
        new StaticCredentialsProvider(new AwsCredentials(Host.World.Accounts[0].AccessKeyId, Host.World.Accounts[0].SecretAccessKey));

    private static async Task FeedAsync(Stream destination, Stream? source)
    {
        try
        {
            if (source is not null)
            {
                await source.CopyToAsync(destination);
            }
        }
        catch (IOException)
        {
            // ecsops exited before reading everything; the test judges by its result.
        }
        finally
        {
            try
            {
                destination.Close();
            }
            catch (IOException)
            {
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class CliSandboxCollection : ICollectionFixture<CliSandboxFixture>
{
    public const string Name = "cli-sandbox";
}
