namespace EcsOps.Sandbox.Agent;

/// <summary>How the sandbox's exec agent behaves.</summary>
public sealed record ContainerAgentOptions
{
    /// <summary>The real agent sleeps 1 ms after every send (fact sheet §4.5); so does ours by default.</summary>
    public static readonly TimeSpan DefaultPacing = TimeSpan.FromMilliseconds(1);

    /// <summary>Average interval between the agent's stream-data sends; zero sends as fast as the channel allows.</summary>
    public TimeSpan Pacing { get; init; } = DefaultPacing;

    /// <summary>The kmsKeyId of the Session Manager preferences: encrypts StartSession shells and commands (not Port).</summary>
    public string? SessionPreferencesKmsKeyId { get; init; }

    /// <summary>How long the agent waits for the client's acks before reporting the session as terminating (fact sheet §6.3).</summary>
    public TimeSpan FlushTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>After the process exited, how long its output may still take to reach end of file.</summary>
    public TimeSpan OutputDrainTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The agent runs on its own clock, like the separate machine it stands in for.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
