using EcsOps.Cli.Tests.Support;
using EcsOps.Sandbox.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace EcsOps.Cli.Tests.Commands;

/// <summary>
/// exec, forward and doctor given what cannot work: a selector naming nothing, a task that has stopped, credentials that
/// have expired. Each says so in one line (what failed, why, what to do), no stack, exit 255.
/// </summary>
[Collection(LabSandboxCollection.Name)]
public sealed class BadInputTests(LabSandboxFixture sandbox)
{
    public static readonly TheoryData<string[]> Commands = new()
    {
        new[] { "exec", "{0}", "--", "true" },
        new[] { "forward", "{0}", "0:80" },
        new[] { "doctor", "{0}" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task UnknownSelector_OneLineNamingWhatExistsExit255(string[] command)
    {
        var result = await sandbox.RunAsync(Fill(command, "no-such-cluster"));

        AssertOneErrorLine(result);
        Assert.Contains("no running container matches no-such-cluster", result.ErrorLines[0], StringComparison.Ordinal);
        Assert.Contains("clusters: batch", result.ErrorLines[0], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task StoppedTask_OneLineSayingItStoppedAndWhyExit255(string[] command)
    {
        var reason = await sandbox.WaitForStoppedTaskAsync();

        var result = await sandbox.RunAsync(Fill(command, "batch", "--task", LabSandboxFixture.StoppedTask));

        AssertOneErrorLine(result);
        var error = result.ErrorLines[0];
        Assert.Contains($"task {LabSandboxFixture.StoppedTask} in 333333333333/us-east-1/batch is STOPPED", error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(reason!.TrimEnd('.'), error, StringComparison.Ordinal);
        Assert.Contains("needs a RUNNING task", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task ExpiredCredentials_OneLineSayingToRefreshThemExit255(string[] command)
    {
        var account = sandbox.Host.World.Accounts[0];
        var (expired, _) = sandbox.Host.Services.GetRequiredService<CredentialStore>()
            .IssueRoleSession(account.Id, "operator", "expired-session", TimeSpan.FromMinutes(-5));
        var environment = new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = expired.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = expired.SecretAccessKey,
            ["AWS_SESSION_TOKEN"] = expired.SessionToken!,
        };

        await using var process = sandbox.Start(Fill(command, "sealed"), extra: environment);
        process.StandardInput.Close();
        var result = await process.WaitAsync();

        AssertOneErrorLine(result);
        Assert.Contains("your AWS credentials have expired", result.ErrorLines[0], StringComparison.Ordinal);
        Assert.Contains("aws sso login", result.ErrorLines[0], StringComparison.Ordinal);
    }

    /// <summary>The command with the selector (and any flags after it, before a '--') in place of {0}.</summary>
    private static string[] Fill(string[] command, params string[] selectorAndFlags) =>
        command.SelectMany(word => word == "{0}" ? selectorAndFlags : [word]).ToArray();

    private static void AssertOneErrorLine(CliResult result)
    {
        Assert.True(result.ExitCode == 255, result.ToString());
        Assert.Single(result.ErrorLines);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("forwarding", result.StandardOutput, StringComparison.Ordinal);
    }
}
