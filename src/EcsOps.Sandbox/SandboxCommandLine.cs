using System.Globalization;

namespace EcsOps.Sandbox;

/// <summary>Parses <c>[--port N] [--world FILE] [--data-dir DIR] [--no-processes] [--verbose]</c>.</summary>
internal static class SandboxCommandLine
{
    public const string Usage = "usage: EcsOps.Sandbox [--port N] [--world FILE] [--data-dir DIR] [--no-processes] [--verbose]";

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
                "--verbose" => options with { MinimumLogLevel = LogLevel.Debug },
                _ => throw new ArgumentException($"unknown argument '{args[i]}'"),
            };
        }

        return options;
    }
}
