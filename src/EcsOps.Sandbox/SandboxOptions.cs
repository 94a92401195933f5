using EcsOps.Sandbox.Containers;
using EcsOps.Sandbox.Ecs;
using EcsOps.Sandbox.Faults;
using EcsOps.Sandbox.Gateway;
using EcsOps.Sandbox.World;

namespace EcsOps.Sandbox;

/// <summary>How to start a <see cref="SandboxHost"/>.</summary>
public sealed record SandboxOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The world to serve; when null, <see cref="WorldFile"/> or else the built-in default world.</summary>
    public WorldDefinition? World { get; init; }

    /// <summary>A world YAML file, used when <see cref="World"/> is null.</summary>
    public string? WorldFile { get; init; }

    /// <summary>Where S3 data lives; when null a temporary directory is created and removed on dispose.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>The clock for signatures, timestamps and expiry.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>What runs tasks; when null, <see cref="RunContainerProcesses"/> decides.</summary>
    public ITaskLauncher? TaskLauncher { get; init; }

    /// <summary>
    /// Run containers as real local processes (the default): the world's RUNNING tasks at start, RunTask's later.
    /// False keeps tasks as records only (<see cref="NoProcessTaskLauncher"/>), for tests that need no processes.
    /// </summary>
    public bool RunContainerProcesses { get; init; } = true;

    /// <summary>How long StopTask waits after SIGTERM before SIGKILL (ECS's stopTimeout, 30 s by default).</summary>
    public TimeSpan ContainerStopTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Runs session processes in containers (ECS Exec, Session Manager). When null, the container runtime
    /// does (see <see cref="RunContainerProcesses"/>).
    /// </summary>
    public IContainerProcessHost? ContainerHost { get; init; }

    /// <summary>The agent's pause between sends, 1 ms like the real agent (fact sheet §4.5); zero for full speed.</summary>
    public TimeSpan AgentPacing { get; init; } = Agent.ContainerAgentOptions.DefaultPacing;

    /// <summary>kmsKeyId of the Session Manager preferences: encrypts StartSession shells and commands.</summary>
    public string? SessionPreferencesKmsKeyId { get; init; }

    /// <summary>The message gateway's idle timeout, periodic disconnect and limits.</summary>
    public GatewayOptions Gateway { get; init; } = new();

    /// <summary>Faults injected from the start of the run; change them later through <see cref="SandboxHost.Faults"/>.</summary>
    public FaultPlan Faults { get; init; } = FaultPlan.None;

    /// <summary>
    /// The clock of the sandbox's own timers (gateway idle timeout, periodic disconnect, injected latency and
    /// delays); <see cref="TimeProvider"/> when null. Separate so that tests can step these timers by hand
    /// while signatures keep using real time.
    /// </summary>
    public TimeProvider? TimerClock { get; init; }

    /// <summary>Console log level of the sandbox itself.</summary>
    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Warning;
}
