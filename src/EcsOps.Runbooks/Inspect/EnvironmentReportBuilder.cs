using EcsOps.Aws.Ecs.Model;

namespace EcsOps.Runbooks.Inspect;

/// <summary>
/// Merges a container's variables from its definition (<c>environment</c>, <c>secrets</c>) and its live environment into
/// one list by name, masking as <see cref="SecretMasker"/> says unless revealing (then it notes what it reveals).
/// </summary>
internal static class EnvironmentReportBuilder
{
    public static EnvironmentReport Build(
        ContainerDefinition? definition, ProbeResult? probe, string? unavailable, SecretMasker masker, bool reveal, List<string> revealed)
    {
        var declared = (definition?.Environment ?? []).Where(v => v.Name is not null).ToDictionary(v => v.Name!, v => v.Value ?? "", StringComparer.Ordinal);
        var secrets = (definition?.Secrets ?? []).ToDictionary(s => s.Name, s => s.ValueFrom, StringComparer.Ordinal);
        var live = probe?.Environment;

        // Values of secrets are learnt first, so that a copy under an innocent name is masked too.
        foreach (var (name, value) in live ?? new Dictionary<string, string>())
        {
            if (secrets.ContainsKey(name) || SecretMasker.IsSecretName(name))
            {
                masker.AddKnownValue(value);
            }
        }

        foreach (var (name, value) in declared.Where(d => SecretMasker.IsSecretName(d.Key)))
        {
            masker.AddKnownValue(value);
        }

        var names = declared.Keys.Concat(secrets.Keys).Concat(live?.Keys ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var variables = new List<EnvironmentVariable>();
        foreach (var name in names)
        {
            string? liveValue = null;
            var isLive = live is not null && live.TryGetValue(name, out liveValue);
            if (secrets.TryGetValue(name, out var valueFrom))
            {
                var shown = liveValue is null ? null : reveal ? liveValue : SecretMasker.Mask;
                Reveal(name, liveValue is not null);
                variables.Add(new EnvironmentVariable(name, shown, shown == SecretMasker.Mask, "secret", valueFrom));
                continue;
            }

            var hasDeclared = declared.TryGetValue(name, out var declaredValue);
            var value = isLive ? liveValue! : declaredValue!;
            var (maskedValue, masked) = masker.MaskVariable(name, value);
            Reveal(name, masked);
            string? definitionValue = null;
            if (isLive && hasDeclared && declaredValue != liveValue)
            {
                definitionValue = reveal ? declaredValue : masker.MaskVariable(name, declaredValue!).Shown;
            }

            variables.Add(new EnvironmentVariable(
                name, reveal ? value : maskedValue, masked && !reveal, hasDeclared ? "environment" : "runtime", DefinitionValue: definitionValue));
        }

        return new EnvironmentReport { Live = live is not null, LiveUnavailable = live is null ? unavailable ?? "the container's environment could not be read" : null, Variables = variables };

        void Reveal(string name, bool wouldMask)
        {
            if (reveal && wouldMask)
            {
                revealed.Add(name);
            }
        }
    }
}
