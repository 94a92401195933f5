using System.Globalization;

namespace EcsOps.Sandbox;

/// <summary>
/// Parses <c>[--port N] [--world FILE] [--data-dir DIR] [--no-processes] [--no-agent-pacing]
/// [--idle-timeout SECONDS] [--disconnect-every SECONDS] [--verbose]</c>.
/// </summary>
internal static class SandboxCommandLine
{
    public const string Usage =
        "usage: EcsOps.Sandbox [--port N] [--world FILE] [--data-dir DIR] [--no-processes] [--no-agent-pacing] [--idle-timeout SECONDS] [--disconnect-every SECONDS] [--verbose]";

    public static SandboxOptions Parse(IReadOnlyList<string> args)
    {
        var options = new SandboxOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--port" => options with
                {
                    Port = int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535
                        ? port
                        : throw new ArgumentException("--port takes a number between 0 and 65535"),
                },
                "--world" => options with { WorldFile = Value() },
                "--data-dir" => options with { DataDirectory = Value() },
                "--no-processes" => options with { RunContainerProcesses = false },
                "--no-agent-pacing" => options with { AgentPacing = TimeSpan.Zero },
                "--idle-timeout" => options with { Gateway = options.Gateway with { IdleTimeout = Seconds(args[i], Value()) } },
                "--disconnect-every" => options with { Gateway = options.Gateway with { PeriodicDisconnectInterval = Seconds(args[i], Value()) } },
                "--verbose" => options with { MinimumLogLevel = LogLevel.Debug },
                _ => throw new ArgumentException($"unknown argument '{args[i]}'"),
            };
        }

        return options;
    }

    private static TimeSpan Seconds(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : throw new ArgumentException($"{name} takes a number of seconds greater than 0");
}
