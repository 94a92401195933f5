using System.Runtime.InteropServices;
using EcsOps.Sandbox;
using EcsOps.Sandbox.World;

// The sandbox as a program: start, print the environment to use, run until Ctrl-C or SIGTERM.
SandboxOptions options;
try
{
    options = SandboxCommandLine.Parse(args);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync($"error: {ex.Message}\n{SandboxCommandLine.Usage}");
    return 2;
}

var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stopped.TrySetResult(); });
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stopped.TrySetResult(); });

SandboxHost host;
try
{
    host = await SandboxHost.StartAsync(options);
}
catch (WorldException ex)
{
    await Console.Error.WriteLineAsync($"error: the world file is not valid: {ex.Message}");
    return 1;
}
catch (IOException ex)
{
    await Console.Error.WriteLineAsync($"error: cannot start the sandbox on 127.0.0.1:{options.Port}: {ex.Message}");
    return 1;
}

await using (host)
{
    Console.WriteLine($"# EcsOps sandbox listening on {host.Endpoint} (data in {host.DataDirectory}). Ctrl-C to stop.");
    Console.WriteLine("# The AWS CLI v2 before 2.13 ignores AWS_ENDPOINT_URL: pass --endpoint-url to it.");
    foreach (var (name, value) in host.EnvironmentFor())
    {
        Console.WriteLine($"export {name}={value}");
    }

    foreach (var account in host.World.Accounts.Skip(1))
    {
        Console.WriteLine($"# account {account.Id} ({account.Name}): AWS_ACCESS_KEY_ID={account.AccessKeyId} AWS_SECRET_ACCESS_KEY={account.SecretAccessKey}");
    }

    Console.WriteLine($"# regions: {string.Join(", ", host.World.Regions)}");
    Console.WriteLine($"# faults: PUT {host.Endpoint}_sandbox/faults (JSON), POST {host.Endpoint}_sandbox/sessions/<id>/disconnect?peer=client|agent");
    await stopped.Task;
}

return 0;
