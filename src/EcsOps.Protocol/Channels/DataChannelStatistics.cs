namespace EcsOps.Protocol.Channels;

/// <summary>A snapshot of what one <see cref="DataChannel"/> did so far.</summary>
/// <param name="MessagesSent">Stream-data messages transmitted at least once.</param>
/// <param name="MessagesRetransmitted">Transmissions beyond the first (timeouts and reconnects).</param>
/// <param name="MessagesReceived">Distinct stream-data messages stored for delivery.</param>
/// <param name="DuplicatesReceived">Stream-data messages seen again (re-acked, not stored).</param>
/// <param name="MessagesRefused">Stream data beyond the reorder buffer, left unacked for the sender to retry.</param>
/// <param name="InvalidMessagesDropped">Frames the codec rejected, unknown types and text frames.</param>
/// <param name="AcknowledgementsSent">Acks written, including re-acks of duplicates.</param>
/// <param name="AcknowledgementsReceived">Acks that matched an unacknowledged message.</param>
/// <param name="Reconnects">Successful reconnects after a lost socket.</param>
/// <param name="PayloadBytesSent">Payload bytes of distinct messages sent (no retransmissions).</param>
/// <param name="PayloadBytesReceived">Payload bytes of distinct messages received.</param>
public readonly record struct DataChannelStatistics(
    long MessagesSent,
    long MessagesRetransmitted,
    long MessagesReceived,
    long DuplicatesReceived,
    long MessagesRefused,
    long InvalidMessagesDropped,
    long AcknowledgementsSent,
    long AcknowledgementsReceived,
    long Reconnects,
    long PayloadBytesSent,
    long PayloadBytesReceived);
