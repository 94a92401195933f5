namespace EcsOps.Cli.Rendering;

/// <summary>Where a planned run goes; <see cref="Task"/> is null in task mode (the task does not exist yet).</summary>
public sealed record RunTargetRow(string Account, string AccountName, string Region, string Cluster, string? Service, string? Task, string Container);
