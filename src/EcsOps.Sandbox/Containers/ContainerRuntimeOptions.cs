namespace EcsOps.Sandbox.Containers;

/// <summary>Where containers live and how they are stopped.</summary>
/// <param name="ContainersDirectory">Each container's working directory is <c>&lt;this&gt;/&lt;task id&gt;/&lt;container name&gt;</c>.</param>
/// <param name="StopTimeout">SIGTERM to SIGKILL on StopTask (ECS's stopTimeout).</param>
public sealed record ContainerRuntimeOptions(string ContainersDirectory, TimeSpan StopTimeout);
