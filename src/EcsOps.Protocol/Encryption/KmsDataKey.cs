namespace EcsOps.Protocol.Encryption;

/// <summary>A KMS data key: the plaintext stays local, the ciphertext blob goes to the agent.</summary>
public sealed record KmsDataKey(byte[] CiphertextBlob, byte[] Plaintext);
