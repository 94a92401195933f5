namespace EcsOps.Protocol.Encryption;

/// <summary>
/// The encryption context both ends pass to KMS (fact sheet §5.4). The client uses the StartSession
/// <c>Target</c>; the agent its own target id. They must match or <c>kms:Decrypt</c> fails.
/// </summary>
public static class KmsEncryptionContext
{
    public const string SessionIdKey = "aws:ssm:SessionId";
    public const string TargetIdKey = "aws:ssm:TargetId";

    public static IReadOnlyDictionary<string, string> Create(string sessionId, string targetId) =>
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [SessionIdKey] = sessionId,
            [TargetIdKey] = targetId,
        };
}
