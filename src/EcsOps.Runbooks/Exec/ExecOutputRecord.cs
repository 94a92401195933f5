namespace EcsOps.Runbooks.Exec;

public enum ExecOutputKind
{
    /// <summary>The remote script is running with echo off; stdin may be sent now.</summary>
    Ready,
    StandardOutput,
    StandardError,

    /// <summary>The trailer: <see cref="ExecOutputRecord.ExitCode"/> is the command's status.</summary>
    Exit,

    /// <summary>The container lacks a tool the wrapper needs; <see cref="ExecOutputRecord.Text"/> names it.</summary>
    MissingTool,

    /// <summary>A line that is not part of the framing (shell noise, a banner); kept for diagnostics.</summary>
    Noise,
}

/// <summary>One decoded piece of a wrapped command's PTY output.</summary>
public sealed record ExecOutputRecord(ExecOutputKind Kind, byte[] Data, int ExitCode = 0, string Text = "")
{
    public static ExecOutputRecord Of(ExecOutputKind kind, string text = "") => new(kind, [], Text: text);
}
