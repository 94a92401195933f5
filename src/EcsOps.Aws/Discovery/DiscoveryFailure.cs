namespace EcsOps.Aws.Discovery;

/// <summary>An account × region that could not be searched (role not assumable, access denied, endpoint unreachable).</summary>
/// <param name="AccountId">The account.</param>
/// <param name="AccountName">Its name.</param>
/// <param name="Region">The region; null when the whole account failed (e.g. AssumeRole).</param>
/// <param name="Message">What went wrong, one line.</param>
/// <param name="Exception">The error itself.</param>
public sealed record DiscoveryFailure(string AccountId, string AccountName, string? Region, string Message, Exception Exception);
