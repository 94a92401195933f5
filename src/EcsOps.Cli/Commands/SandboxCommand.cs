using System.CommandLine;
using EcsOps.Sandbox;
using Spectre.Console;

namespace EcsOps.Cli.Commands;

/// <summary>`ecsops sandbox [--port N] [--world FILE] [--data-dir DIR]`: runs the local AWS stand-in until Ctrl-C.</summary>
internal static class SandboxCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0 picks a free one)", DefaultValueFactory = _ => 4566 };
        var world = new Option<FileInfo?>("--world") { Description = "World file (YAML) describing accounts, clusters, services and tasks" };
        var dataDir = new Option<DirectoryInfo?>("--data-dir") { Description = "Where S3 objects and container directories live (default: a temporary directory)" };
        var command = new Command("sandbox", "Run the local AWS sandbox (ECS, SSM, STS, S3, Logs, KMS, Secrets Manager, EC2) on 127.0.0.1")
        {
            port, world, dataDir,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new SandboxOptions
            {
                Port = parse.GetValue(port),
                WorldFile = parse.GetValue(world)?.FullName,
                DataDirectory = parse.GetValue(dataDir)?.FullName,
            };
            await using var host = await SandboxHost.StartAsync(options, cancellationToken);
            console.MarkupLine($"[green]sandbox listening on[/] {host.Endpoint}");
            console.WriteLine("Use it from another shell with:");
            foreach (var (name, value) in host.EnvironmentFor())
            {
                console.WriteLine($"export {name}={value}");
            }

            console.WriteLine("Press Ctrl-C to stop.");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
