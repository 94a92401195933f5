namespace EcsOps.Runbooks.Files;

/// <summary>Where a copy reports how far it got (the CLI draws a progress bar on a terminal).</summary>
public interface ICopyProgress
{
    /// <summary>A transfer starts; <paramref name="totalBytes"/> is null when the size is not known in advance.</summary>
    void Begin(string description, long? totalBytes);

    /// <summary>More bytes went through (called often, from any thread).</summary>
    void Advance(long bytes);
}
