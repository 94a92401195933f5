namespace EcsOps.Server.Engine;

/// <summary>Where a running job's output goes: stored with the run, shown on the page and in Slack.</summary>
public interface IJobOutput
{
    ValueTask WriteLineAsync(OutputStream stream, string line, CancellationToken cancellationToken);
}
