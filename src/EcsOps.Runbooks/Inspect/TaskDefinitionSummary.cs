using System.Globalization;
using EcsOps.Aws.Ecs.Model;

namespace EcsOps.Runbooks.Inspect;

/// <summary>
/// The fields of a task definition an operator compares between revisions, one per line in a fixed order (YAML-like,
/// environment sorted by name), so that two revisions diff line by line. Values of secret-looking variables are
/// compared in full but shown masked unless revealed.
/// </summary>
public static class TaskDefinitionSummary
{
    public static IReadOnlyList<DefinitionLine> Lines(TaskDefinition definition, SecretMasker masker, bool reveal)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(masker);
        var lines = new List<DefinitionLine>();
        void Add(string text) => lines.Add(new DefinitionLine(text, text));
        void AddIf(string name, object? value)
        {
            var text = value switch
            {
                null => null,
                bool flag => flag ? "true" : "false",
                IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
            if (text is { Length: > 0 })
            {
                Add($"{name}: {text}");
            }
        }

        AddIf("cpu", definition.Cpu);
        AddIf("memory", definition.Memory);
        AddIf("networkMode", definition.NetworkMode);
        AddIf("taskRoleArn", definition.TaskRoleArn);
        AddIf("executionRoleArn", definition.ExecutionRoleArn);
        AddIf("cpuArchitecture", definition.RuntimePlatform?.CpuArchitecture);
        AddIf("requiresCompatibilities", Join(definition.RequiresCompatibilities));
        foreach (var container in definition.ContainerDefinitions.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            Add($"container {container.Name}:");
            AddIf("  image", container.Image);
            AddIf("  essential", container.Essential);
            AddIf("  cpu", container.Cpu == 0 ? null : container.Cpu.ToString(CultureInfo.InvariantCulture));
            AddIf("  memory", container.Memory);
            AddIf("  memoryReservation", container.MemoryReservation);
            AddIf("  entryPoint", Join(container.EntryPoint));
            AddIf("  command", Join(container.Command));
            AddIf("  workingDirectory", container.WorkingDirectory);
            AddIf("  user", container.User);
            AddIf("  readonlyRootFilesystem", container.ReadonlyRootFilesystem);
            AddIf("  initProcessEnabled", container.LinuxParameters?.InitProcessEnabled);
            foreach (var port in container.PortMappings ?? [])
            {
                Add($"  port: {port.ContainerPort}/{port.Protocol ?? "tcp"}{(port.Name is null ? "" : " " + port.Name)}");
            }

            foreach (var mount in container.MountPoints ?? [])
            {
                Add($"  mount: {mount.SourceVolume} -> {mount.ContainerPath}{(mount.ReadOnly == true ? " (read-only)" : "")}");
            }

            foreach (var variable in (container.Environment ?? []).Where(v => v.Name is not null).OrderBy(v => v.Name, StringComparer.Ordinal))
            {
                var text = $"  env {variable.Name}={variable.Value}";
                var shown = reveal ? text : $"  env {variable.Name}={masker.MaskVariable(variable.Name!, variable.Value ?? "").Shown}";
                lines.Add(new DefinitionLine(text, shown));
            }

            foreach (var secret in (container.Secrets ?? []).OrderBy(s => s.Name, StringComparer.Ordinal))
            {
                Add($"  secret {secret.Name} <- {secret.ValueFrom}");
            }

            if (container.LogConfiguration is { } logging)
            {
                var options = string.Join(' ', (logging.Options ?? new Dictionary<string, string>())
                    .OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}={o.Value}"));
                Add($"  logging: {logging.LogDriver} {options}".TrimEnd());
            }

            if (container.HealthCheck is { } health)
            {
                Add($"  healthCheck: {Join(health.Command)} interval={health.Interval} timeout={health.Timeout} retries={health.Retries}");
            }
        }

        return lines;
    }

    private static string? Join(IReadOnlyList<string>? values) =>
        values is null || values.Count == 0 ? null : "[" + string.Join(", ", values) + "]";
}
