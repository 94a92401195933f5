namespace EcsOps.Server.Jobs;

/// <summary>The stored run; <see cref="Created"/> is false when a run for the same ticket already existed.</summary>
public sealed record JobCreation(Job Job, bool Created);
