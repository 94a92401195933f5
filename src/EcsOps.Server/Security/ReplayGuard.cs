using EcsOps.Server.Jobs;

namespace EcsOps.Server.Security;

/// <summary>
/// Refuses a signed request seen before: its signature is remembered in the job store (shared by replicas, kept
/// across restarts) until its timestamp leaves the window, after which a replay is refused as stale.
/// </summary>
public sealed class ReplayGuard(IJobStore store, TimeProvider time)
{
    /// <summary>True the first time a signature is presented; false for a replay.</summary>
    public Task<bool> FirstUseAsync(string channel, string signature, long timestampSeconds, CancellationToken cancellationToken)
    {
        var expires = DateTimeOffset.FromUnixTimeSeconds(timestampSeconds) + HmacRequestSignature.Window;
        return store.RememberSignatureAsync(channel + " " + signature, expires, time.GetUtcNow(), cancellationToken);
    }
}
