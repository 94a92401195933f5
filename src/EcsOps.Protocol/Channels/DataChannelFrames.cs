using EcsOps.Protocol.Framing;

namespace EcsOps.Protocol.Channels;

/// <summary>The frames a data channel writes, with the field values of fact sheet §2.2 and §3.6.</summary>
internal static class DataChannelFrames
{
    /// <summary>MessageSchemaVersion of the OpenDataChannel frame (fact sheet §2.2).</summary>
    public const string OpenDataChannelSchemaVersion = "1.0";

    /// <summary>Acks and control messages carry SYN|FIN, as both the plugin and the agent write them.</summary>
    public const ulong AcknowledgeFlags = ClientMessageHeader.FlagSyn | ClientMessageHeader.FlagFin;

    public static string OutgoingStreamType(DataChannelRole role) =>
        role == DataChannelRole.Client ? MessageType.InputStreamData : MessageType.OutputStreamData;

    public static string IncomingStreamType(DataChannelRole role) =>
        role == DataChannelRole.Client ? MessageType.OutputStreamData : MessageType.InputStreamData;

    /// <summary>Encodes one stream-data message. Agents mark their sequence 0 with SYN; clients never do.</summary>
    public static byte[] StreamData(
        DataChannelRole role, long sequenceNumber, PayloadType payloadType, ReadOnlySpan<byte> payload, ulong createdDate)
    {
        var flags = role == DataChannelRole.Agent && sequenceNumber == 0 ? ClientMessageHeader.FlagSyn : 0;
        var header = new ClientMessageHeader(
            OutgoingStreamType(role), sequenceNumber, flags, MessageIds.NewId(), payloadType, createdDate);
        return ClientMessageCodec.Encode(header, payload);
    }

    public static byte[] Acknowledge(AcknowledgeContent content, ulong createdDate)
    {
        var header = new ClientMessageHeader(
            MessageType.Acknowledge, 0, AcknowledgeFlags, MessageIds.NewId(), PayloadType.None, createdDate);
        return ClientMessageCodec.Encode(header, content.ToJson());
    }

    /// <summary>The OpenDataChannel TEXT frame: clients report ClientVersion, agents ClientInstanceId.</summary>
    public static byte[] OpenDataChannel(DataChannelRole role, DataChannelOptions options, string clientId, string tokenValue)
    {
        var request = new OpenDataChannelRequest(
            OpenDataChannelSchemaVersion,
            Guid.NewGuid().ToString(),
            tokenValue,
            clientId,
            role == DataChannelRole.Client ? options.ClientVersion : null,
            role == DataChannelRole.Agent ? options.ClientInstanceId : null);
        return request.ToJson();
    }
}
