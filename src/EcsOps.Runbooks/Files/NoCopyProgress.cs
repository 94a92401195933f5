namespace EcsOps.Runbooks.Files;

/// <summary>Progress nobody watches.</summary>
public sealed class NoCopyProgress : ICopyProgress
{
    public static readonly NoCopyProgress Instance = new();

    public void Begin(string description, long? totalBytes)
    {
    }

    public void Advance(long bytes)
    {
    }
}
