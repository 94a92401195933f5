using System.Text;

namespace EcsOps.Cli.Tests.Support;

/// <summary>What one run of the real ecsops process produced.</summary>
public sealed record CliResult(int ExitCode, byte[] StandardOutputBytes, string StandardError)
{
    public string StandardOutput => Encoding.UTF8.GetString(StandardOutputBytes);

    /// <summary>The lines of stderr that start with <c>error:</c>.</summary>
    public IReadOnlyList<string> ErrorLines =>
        StandardError.Split('\n').Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToList();

    public override string ToString() => $"exit {ExitCode}; stdout: {Truncate(StandardOutput)}; stderr: {Truncate(StandardError)}";

    private static string Truncate(string text) => text.Length > 2000 ? text[..2000] + "…" : text;
}
