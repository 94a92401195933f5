using EcsOps.Aws.Ecs.Model;

namespace EcsOps.Aws.Inspect;

/// <summary>The revision a task runs next to the one it should be compared with.</summary>
/// <param name="Running">The task's revision.</param>
/// <param name="Other">The service's revision (a deployment in progress) or else the family's newest; null when the task already runs it.</param>
/// <param name="OtherRole">Why <paramref name="Other"/> was chosen: <c>service</c> or <c>latest</c>.</param>
public sealed record DefinitionComparison(TaskDefinition Running, TaskDefinition? Other, string? OtherRole);
