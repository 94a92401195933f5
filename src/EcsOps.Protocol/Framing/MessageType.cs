using System.Text;

namespace EcsOps.Protocol.Framing;

/// <summary>The MessageType strings of the data channel (fact sheet §3.4), spelled as on the wire.</summary>
public static class MessageType
{
    public const string InputStreamData = "input_stream_data";
    public const string OutputStreamData = "output_stream_data";
    public const string Acknowledge = "acknowledge";
    public const string ChannelClosed = "channel_closed";
    public const string StartPublication = "start_publication";
    public const string PausePublication = "pause_publication";
    public const string AgentSessionState = "agent_session_state";

    private static readonly string[] s_known =
    [
        InputStreamData, OutputStreamData, Acknowledge, ChannelClosed,
        StartPublication, PausePublication, AgentSessionState,
    ];

    public static bool IsPublication(string messageType) =>
        messageType is StartPublication or PausePublication;

    /// <summary>
    /// Reads the 32-byte MessageType field. Senders pad with spaces; the service is reported to pad
    /// channel_closed with NULs, so both are stripped. Known types come back as the shared constant.
    /// </summary>
    internal static string Parse(ReadOnlySpan<byte> field)
    {
        var text = field.TrimEnd((byte)' ').TrimEnd((byte)0).TrimEnd((byte)' ');
        if (text.IsEmpty)
        {
            throw new ProtocolException(ProtocolError.BadMessageType, "message type is empty");
        }

        foreach (var known in s_known)
        {
            if (text.Length == known.Length && Ascii.Equals(text, known))
            {
                return known;
            }
        }

        foreach (var b in text)
        {
            if (b is < 0x21 or > 0x7e)
            {
                throw new ProtocolException(ProtocolError.BadMessageType, "message type is not printable ASCII");
            }
        }

        return Encoding.ASCII.GetString(text);
    }
}
