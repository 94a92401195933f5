using System.Diagnostics;

namespace EcsOps.TestSupport;

/// <summary>Runs a helper program to its end and returns what it printed; a non-zero exit or a hang is an exception with that output.</summary>
internal static class ExternalProcess
{
    /// <summary>Hang guard for one helper program.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    /// <param name="environment">Variables to set for the program, on top of this process's.</param>
    /// <exception cref="InvalidOperationException">The program could not start or exited non-zero; the message has its output.</exception>
    /// <exception cref="TimeoutException">The program did not finish within <see cref="Deadline"/>.</exception>
    public static async Task<string> RunAsync(
        string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', start.ArgumentList)} did not finish within {Deadline}");
        }

        var output = await stdout;
        var errors = await stderr;
        return process.ExitCode == 0
            ? output
            : throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}: {errors.Trim()} {output.Trim()}".Trim());
    }

    /// <summary>The first of <paramref name="candidates"/> that exists, then <paramref name="name"/> on PATH; null when none.</summary>
    public static string? Find(string name, params string[] candidates)
    {
        foreach (var candidate in candidates)
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
    }
}
