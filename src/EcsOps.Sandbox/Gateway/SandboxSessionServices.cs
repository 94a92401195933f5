using EcsOps.Sandbox.Agent;
using EcsOps.Sandbox.Containers;
using EcsOps.Sandbox.Ecs;
using EcsOps.Sandbox.Faults;
using EcsOps.Sandbox.Kms;
using EcsOps.Sandbox.Ssm;

namespace EcsOps.Sandbox.Gateway;

/// <summary>Registers and starts the session half of the sandbox: message gateway, container agent and faults.</summary>
public static class SandboxSessionServices
{
    public static IServiceCollection AddSandboxSessions(this IServiceCollection services, SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clock = options.TimerClock ?? options.TimeProvider;
        // An explicit host (tests) overrides the container runtime's, registered before this.
        if (options.ContainerHost is { } host)
        {
            services.AddSingleton(host);
        }

        services.AddSingleton(new SandboxFaults(options.Faults, clock));
        services.AddSingleton(services => new MessageGateway(
            services.GetRequiredService<SessionRegistry>(),
            options.Gateway,
            services.GetRequiredService<SandboxFaults>(),
            clock,
            services.GetRequiredService<ILogger<MessageGateway>>()));
        services.AddSingleton(services => new ContainerAgent(
            services.GetRequiredService<SessionRegistry>(),
            services.GetRequiredService<EcsStore>(),
            services.GetRequiredService<KmsKeyRing>(),
            new ContainerAgentOptions { Pacing = options.AgentPacing, SessionPreferencesKmsKeyId = options.SessionPreferencesKmsKeyId },
            services.GetService<IContainerProcessHost>(),
            services.GetRequiredService<ILogger<ContainerAgent>>()));
        return services;
    }

    /// <summary>
    /// Serves the admin API and the data-channel websockets (both ahead of the AWS middleware), starts the
    /// agent, and ends every socket and session when the sandbox stops so that the server can stop at once.
    /// </summary>
    public static IApplicationBuilder UseSandboxSessions(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var gateway = app.ApplicationServices.GetRequiredService<MessageGateway>();
        var agent = app.ApplicationServices.GetRequiredService<ContainerAgent>();
        var lifetime = app.ApplicationServices.GetRequiredService<IHostApplicationLifetime>();
        lifetime.ApplicationStopping.Register(() =>
        {
            agent.Stop();
            gateway.Dispose();
        });
        app.UseSandboxAdminApi();
        return app.UseMessageGateway();
    }
}
