namespace EcsOps.Protocol.Sessions.Port;

/// <summary>What one forwarded connection moved, and the first failure that ended it (null when it closed normally).</summary>
internal readonly record struct MuxConnectionResult(long BytesToTunnel, long BytesFromTunnel, Exception? Error);
