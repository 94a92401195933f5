using System.Diagnostics;
using System.Text.Json;
using EcsOps.Sandbox.World;

namespace EcsOps.Sandbox.Tests.Support;

/// <summary>
/// Runs the real AWS CLI v2 (<c>/usr/bin/aws</c>, Debian's awscli) against the sandbox. That version ignores
/// AWS_ENDPOINT_URL, so every call passes <c>--endpoint-url</c>; credentials come from the environment only.
/// </summary>
public sealed class AwsCli(SandboxHost host, AccountDefinition account, string region)
{
    public const string Executable = "/usr/bin/aws";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    public AwsCli As(AccountDefinition other, string? otherRegion = null) => new(host, other, otherRegion ?? region);

    /// <summary>Extra variables, e.g. temporary credentials with a session token.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public async Task<CliResult> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--endpoint-url");
        start.ArgumentList.Add(host.Endpoint.ToString().TrimEnd('/'));
        start.ArgumentList.Add("--output");
        start.ArgumentList.Add("json");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        var emptyConfig = Path.Combine(host.DataDirectory, "no-aws-config");
        start.Environment["AWS_ACCESS_KEY_ID"] = account.AccessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = account.SecretAccessKey;
        start.Environment["AWS_DEFAULT_REGION"] = region;
        start.Environment["AWS_CONFIG_FILE"] = emptyConfig;
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = emptyConfig;
        start.Environment["AWS_PAGER"] = "";
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        foreach (var (name, value) in Environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + Executable);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(s_timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"aws {string.Join(' ', arguments)} did not finish within {s_timeout}");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs and requires success; returns the parsed JSON output.</summary>
    public async Task<JsonElement> JsonAsync(params string[] arguments)
    {
        var result = await RunAsync(arguments);
        Assert.True(result.ExitCode == 0, $"aws {string.Join(' ', arguments)} exited {result.ExitCode}: {result.Stderr}");
        using var document = JsonDocument.Parse(result.Stdout);
        return document.RootElement.Clone();
    }
}

public sealed record CliResult(int ExitCode, string Stdout, string Stderr);
