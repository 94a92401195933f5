namespace EcsOps.Sandbox.World;

/// <summary>A world file that cannot be read or describes an inconsistent world.</summary>
public sealed class WorldException : Exception
{
    public WorldException(string message) : base(message)
    {
    }

    public WorldException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public WorldException()
    {
    }
}
