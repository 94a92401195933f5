using EcsOps.Server.Engine;

namespace EcsOps.Server.Jobs;

/// <summary>One stored line of a run's output.</summary>
public sealed record OutputLine(long Sequence, OutputStream Stream, string Text);
