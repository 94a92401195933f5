using EcsOps.Aws.Tasks;

namespace EcsOps.Runbooks.Postgres;

/// <summary>How a dump task ended: the task, its report line (null when its logs are not readable or it never got there), its other log lines.</summary>
/// <param name="LogsReadable">False when the container does not log with awslogs, so neither report nor messages can be seen.</param>
internal sealed record DumpTaskResult(TaskRunOutcome Outcome, DumpTaskReport? Report, string Messages, bool LogsReadable);
