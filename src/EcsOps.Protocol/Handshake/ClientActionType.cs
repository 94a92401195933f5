namespace EcsOps.Protocol.Handshake;

/// <summary><c>ActionType</c> values of handshake actions (fact sheet §5.2).</summary>
public static class ClientActionType
{
    public const string SessionType = "SessionType";
    public const string KmsEncryption = "KMSEncryption";
}
