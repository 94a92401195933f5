using EcsOps.Runbooks.Exec;

namespace EcsOps.Runbooks.Templates;

/// <summary>A command with its parameters filled in.</summary>
/// <param name="Argv">What runs, byte for byte.</param>
/// <param name="MaskedArgv">The same with the values of secret parameters replaced by <c>***</c>: for plans, logs and audit.</param>
/// <param name="Protected">
/// The same argv for the exec wrapper, with secret values apart from the elements that use them, so they stay out of the
/// ExecuteCommand request.
/// </param>
public sealed record RenderedCommand(IReadOnlyList<string> Argv, IReadOnlyList<string> MaskedArgv, ProtectedArgv Protected)
{
    /// <summary>Whether any element holds a secret value.</summary>
    public bool HasSecrets => Protected.SecretValues.Count > 0;
}
