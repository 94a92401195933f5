using EcsOps.Sandbox.Http;

namespace EcsOps.Sandbox.Ec2;

/// <summary>
/// The EC2 query protocol's list parameters: <c>SubnetId.1</c>, <c>SubnetId.2</c>, … and filters
/// <c>Filter.1.Name</c> with <c>Filter.1.Value.1</c>, … (several values of one filter match any; several filters all).
/// </summary>
internal sealed class Ec2QueryParameters(IReadOnlyDictionary<string, string> parameters)
{
    /// <summary>The values of <c>{name}.1</c>, <c>{name}.2</c>, … in order; empty when absent.</summary>
    public IReadOnlyList<string> List(string name) => Numbered(name + ".");

    /// <summary>Filter name → accepted values.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Filters()
    {
        var filters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        for (var i = 1; parameters.TryGetValue($"Filter.{i}.Name", out var name); i++)
        {
            filters[name] = Numbered($"Filter.{i}.Value.");
        }

        return filters;
    }

    /// <summary>Throws EC2's InvalidParameterValue for a filter the operation does not know.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Filters(params string[] supported)
    {
        var filters = Filters();
        foreach (var name in filters.Keys)
        {
            if (!supported.Contains(name, StringComparer.Ordinal))
            {
                throw new AwsErrorException("InvalidParameterValue", $"The filter '{name}' is invalid");
            }
        }

        return filters;
    }

    /// <summary>True when the filter is absent or one of its values equals <paramref name="value"/>.</summary>
    public static bool Allows(IReadOnlyDictionary<string, IReadOnlyList<string>> filters, string name, string? value) =>
        !filters.TryGetValue(name, out var values) || (value is not null && values.Contains(value, StringComparer.Ordinal));

    private List<string> Numbered(string prefix)
    {
        var values = new List<string>();
        for (var i = 1; parameters.TryGetValue(prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture), out var value); i++)
        {
            values.Add(value);
        }

        return values;
    }
}
