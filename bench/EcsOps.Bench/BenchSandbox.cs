using EcsOps.Sandbox;

namespace EcsOps.Bench;

/// <summary>
/// The sandbox in-process on 127.0.0.1, and a private home for the processes a CLI benchmark starts (ecsops, the AWS
/// CLI): the sandbox's AWS variables, HOME, XDG directories and no ~/.aws files, so nothing of the machine takes part.
/// </summary>
internal sealed class BenchSandbox : IAsyncDisposable
{
    private BenchSandbox(SandboxHost host, string home)
    {
        Host = host;
        Home = home;
        Environment = host.IsolatedEnvironmentFor(home);
    }

    public SandboxHost Host { get; }

    /// <summary>Home and working directory of the processes.</summary>
    public string Home { get; }

    public IReadOnlyDictionary<string, string> Environment { get; }

    public static async Task<BenchSandbox> StartAsync(SandboxOptions options, CancellationToken cancellationToken) =>
        new(await SandboxHost.StartAsync(options, cancellationToken), Directory.CreateTempSubdirectory("ecsops-bench-").FullName);

    /// <summary>Starts <c>ecsops</c> with <paramref name="arguments"/> in the private home.</summary>
    public CliProcess StartEcsOps(params string[] arguments) => CliProcess.StartEcsOps(Environment, Home, arguments);

    /// <summary>Runs a program to its end in the private home.</summary>
    public Task<CliRun> RunAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        CliProcess.RunAsync(program, arguments, Environment, Home, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Delete(Home, recursive: true);
    }
}
