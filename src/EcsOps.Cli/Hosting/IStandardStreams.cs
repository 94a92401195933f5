namespace EcsOps.Cli.Hosting;

/// <summary>
/// The process's standard streams as raw bytes, for commands that pass data through unchanged (exec, cp). Text and
/// tables go through the <c>IAnsiConsole</c> instead.
/// </summary>
public interface IStandardStreams
{
    bool IsInputRedirected { get; }

    bool IsOutputRedirected { get; }

    bool IsErrorRedirected { get; }

    Stream OpenStandardInput();

    Stream OpenStandardOutput();

    Stream OpenStandardError();
}
