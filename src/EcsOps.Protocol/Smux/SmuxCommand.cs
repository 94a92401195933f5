namespace EcsOps.Protocol.Smux;

/// <summary>The cmd byte of an smux v1 frame (fact sheet §7.3).</summary>
public enum SmuxCommand : byte
{
    /// <summary>Opens a stream; no payload.</summary>
    Syn = 0,

    /// <summary>The sender will write no more on this stream (EOF mark); no payload.</summary>
    Fin = 1,

    /// <summary>Stream data.</summary>
    Psh = 2,

    /// <summary>Keepalive, stream id 0; no payload.</summary>
    Nop = 3,
}
