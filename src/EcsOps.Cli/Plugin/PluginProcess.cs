using System.ComponentModel;
using System.Diagnostics;
using EcsOps.Aws.Sessions;
using EcsOps.Cli.Hosting;

namespace EcsOps.Cli.Plugin;

/// <summary>
/// Runs the session-manager-plugin as a child on our terminal (stdin, stdout and stderr inherited), the way the AWS CLI
/// does: Ctrl-C is the plugin's to handle (it gets it too, being in our process group), so ecsops ignores it while the
/// plugin runs; cancellation (SIGTERM) kills the plugin.
/// </summary>
public sealed class PluginProcess(string executable, InterruptRouter interrupts)
{
    private static readonly TimeSpan s_versionTimeout = TimeSpan.FromSeconds(10);

    /// <summary>What <c>--version</c> prints, trimmed; null when the plugin does not answer it.</summary>
    public async Task<string?> VersionAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("--version");
        using var process = Start(start);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_versionTimeout);
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            _ = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return process.ExitCode == 0 ? (await stdout).Trim() : null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            return null;
        }
    }

    /// <summary>Runs the plugin for one session until it exits; returns its exit status.</summary>
    public async Task<int> RunAsync(SessionManagerPluginInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var start = new ProcessStartInfo(executable) { UseShellExecute = false };
        foreach (var argument in invocation.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in invocation.Environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var interception = interrupts.Intercept(() => true);
        using var process = Start(start);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
            return process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }

    private Process Start(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new Win32Exception($"{executable} did not start");
        }
        catch (Win32Exception error)
        {
            throw new UserFacingException($"--plugin: could not run {executable}: {error.Message}", ExitCodes.EcsOpsError, error);
        }
    }
}
