namespace EcsOps.Runbooks.Templates;

/// <summary>A command with its parameters filled in.</summary>
/// <param name="Argv">What runs, byte for byte.</param>
/// <param name="MaskedArgv">The same with the values of secret parameters replaced by <c>***</c>: for plans, logs and audit.</param>
public sealed record RenderedCommand(IReadOnlyList<string> Argv, IReadOnlyList<string> MaskedArgv);
