namespace EcsOps.Server.Engine;

/// <summary>
/// Where a running job's output goes: stored with the run, shown on the page and in Slack. Writing never blocks (the
/// sink buffers), so a runner may call it from synchronous stream writes.
/// </summary>
public interface IJobOutput
{
    void WriteLine(OutputStream stream, string line);
}
