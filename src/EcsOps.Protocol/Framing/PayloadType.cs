namespace EcsOps.Protocol.Framing;

/// <summary>PayloadType field of a ClientMessage (fact sheet §3.5).</summary>
public enum PayloadType : uint
{
    None = 0,
    Output = 1,
    Error = 2,
    Size = 3,
    Parameter = 4,
    HandshakeRequest = 5,
    HandshakeResponse = 6,
    HandshakeComplete = 7,
    EncChallengeRequest = 8,
    EncChallengeResponse = 9,
    Flag = 10,
    StdErr = 11,
    ExitCode = 12,
}
