using EcsOps.Aws.Ecs.Model;

namespace EcsOps.Aws.Inspect;

/// <summary>What ECS says about one task: the task, its task definition, and the service that runs it.</summary>
/// <param name="Task">DescribeTasks' view of the task.</param>
/// <param name="Definition">The revision the task runs; null when it could not be described.</param>
/// <param name="Service">The service that started the task; null for stand-alone tasks.</param>
public sealed record TaskFacts(EcsTask Task, TaskDefinition? Definition, Service? Service);
