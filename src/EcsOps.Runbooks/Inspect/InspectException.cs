namespace EcsOps.Runbooks.Inspect;

/// <summary>Inspecting a container failed in a way the user should hear about (the message says how).</summary>
public sealed class InspectException : Exception
{
    public InspectException(string message)
        : base(message)
    {
    }

    public InspectException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public InspectException()
        : this("inspect failed")
    {
    }
}
