namespace EcsOps.Protocol.Channels;

/// <summary>Version strings we put on the wire.</summary>
public static class ProtocolVersions
{
    /// <summary>
    /// ClientVersion reported in OpenDataChannel. AWS documents 1.2.764.0 as the minimum supported
    /// plugin, and anything above 1.2.331.0 makes the agent disable smux keepalive (fact sheet §2.1, §7.3).
    /// </summary>
    public const string DefaultClientVersion = "1.2.764.0";

    /// <summary>MessageSchemaVersion of the OpenDataChannel frame (fact sheet §2.2).</summary>
    public const string OpenDataChannelSchemaVersion = "1.0";
}
