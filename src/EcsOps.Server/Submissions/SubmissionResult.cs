using EcsOps.Server.Jobs;

namespace EcsOps.Server.Submissions;

/// <summary>The run a submission became (new or, for a repeated ticket, the existing one), or why it did not.</summary>
public sealed record SubmissionResult
{
    public Job? Job { get; private init; }

    /// <summary>True when <see cref="Job"/> existed already (the same ticket sent again).</summary>
    public bool Existing { get; private init; }

    public Refusal? Refusal { get; private init; }

    public static SubmissionResult Accepted(Job job, bool existing) => new() { Job = job, Existing = existing };

    public static SubmissionResult Refused(Refusal refusal) => new() { Refusal = refusal };
}
