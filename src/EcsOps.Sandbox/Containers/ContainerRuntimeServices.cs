using EcsOps.Sandbox.Ecs;

namespace EcsOps.Sandbox.Containers;

/// <summary>Registers what runs the sandbox's tasks: an <see cref="ITaskLauncher"/> and an <see cref="IContainerProcessHost"/>.</summary>
public static class ContainerRuntimeServices
{
    /// <summary>
    /// <see cref="SandboxOptions.TaskLauncher"/> when given; else the <see cref="LocalContainerRuntime"/> (and the
    /// world's RUNNING tasks launched at start) when <see cref="SandboxOptions.RunContainerProcesses"/>; else
    /// records only (<see cref="NoProcessTaskLauncher"/>, and no <see cref="IContainerProcessHost"/>).
    /// </summary>
    public static IServiceCollection AddContainerRuntime(this IServiceCollection services, SandboxOptions options, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton<TaskRoleCredentials>();
        if (options.TaskLauncher is { } launcher)
        {
            services.AddSingleton(launcher);
            if (launcher is IContainerProcessHost host)
            {
                services.AddSingleton(host);
            }

            return services;
        }

        if (!options.RunContainerProcesses)
        {
            // No process host: sessions are recorded and judged by ECS state alone, and no agent answers them.
            services.AddSingleton<ITaskLauncher>(new NoProcessTaskLauncher());
            return services;
        }

        services.AddSingleton(new ContainerRuntimeOptions(Path.Combine(dataDirectory, "containers"), options.ContainerStopTimeout));
        services.AddSingleton<LocalContainerRuntime>();
        services.AddSingleton<ITaskLauncher>(provider => provider.GetRequiredService<LocalContainerRuntime>());
        services.AddSingleton<IContainerProcessHost>(provider => provider.GetRequiredService<LocalContainerRuntime>());
        services.AddHostedService<WorldTaskStarter>();
        return services;
    }
}
