using System.CommandLine;
using Spectre.Console;

namespace EcsOps.Cli.Hosting;

/// <summary>What every command is built with: where to render, the raw streams, Ctrl-C routing and the global options.</summary>
/// <param name="Console">Tables and messages meant for stdout.</param>
/// <param name="Diagnostics">Warnings, progress and pickers; on stderr so stdout stays clean for scripts.</param>
/// <param name="Streams">Raw standard streams for byte-exact commands.</param>
/// <param name="Interrupts">Ctrl-C routing.</param>
/// <param name="ConfigOption">The global <c>--config</c>.</param>
/// <param name="DebugOption">The global <c>--debug</c>.</param>
public sealed record CliContext(
    IAnsiConsole Console,
    IAnsiConsole Diagnostics,
    IStandardStreams Streams,
    InterruptRouter Interrupts,
    Option<FileInfo?> ConfigOption,
    Option<bool> DebugOption);
