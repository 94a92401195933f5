namespace EcsOps.Cli.Hosting;

/// <summary>The real process streams (<see cref="Console.OpenStandardOutput()"/> etc.): no encoding, no buffering.</summary>
public sealed class ConsoleStandardStreams : IStandardStreams
{
    public static readonly ConsoleStandardStreams Instance = new();

    public bool IsInputRedirected => Console.IsInputRedirected;

    public bool IsOutputRedirected => Console.IsOutputRedirected;

    public bool IsErrorRedirected => Console.IsErrorRedirected;

    public Stream OpenStandardInput() => Console.OpenStandardInput();

    public Stream OpenStandardOutput() => Console.OpenStandardOutput();

    public Stream OpenStandardError() => Console.OpenStandardError();
}
