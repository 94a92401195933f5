namespace EcsOps.Aws.Discovery;

/// <summary>A target selector (or selector flag) that cannot be understood; the message says why and how to write it.</summary>
public sealed class TargetSelectorException : FormatException
{
    public TargetSelectorException()
    {
    }

    public TargetSelectorException(string message) : base(message)
    {
    }

    public TargetSelectorException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
