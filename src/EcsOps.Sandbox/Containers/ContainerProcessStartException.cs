namespace EcsOps.Sandbox.Containers;

/// <summary>
/// A container process could not be started: the container is not running, the executable is not found,
/// or the operating system refused (posix_spawn, openpty). The message says which, in Docker's words where it has some.
/// </summary>
public sealed class ContainerProcessStartException : Exception
{
    public ContainerProcessStartException()
    {
    }

    public ContainerProcessStartException(string message)
        : base(message)
    {
    }

    public ContainerProcessStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
