using System.Diagnostics;

namespace EcsOps.TestSupport;

/// <summary>
/// Start settings for a client process (ecsops, the AWS CLI) that must see only the environment it is given: the
/// machine's AWS_, ECSOPS_ and XDG_ variables are removed before the given environment is applied, and stdin,
/// stdout and stderr are pipes.
/// </summary>
public static class IsolatedProcess
{
    public static ProcessStartInfo StartInfo(
        string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(environment);
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys
                     .Where(k => k.StartsWith("AWS_", StringComparison.Ordinal) || k.StartsWith("ECSOPS_", StringComparison.Ordinal)
                                 || k.StartsWith("XDG_", StringComparison.Ordinal))
                     .ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }
}
