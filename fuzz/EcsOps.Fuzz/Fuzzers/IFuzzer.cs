namespace EcsOps.Fuzz.Fuzzers;

/// <summary>
/// One fuzz target. <see cref="FuzzTarget"/> may throw only the exception types the component documents for
/// bad input; anything else is a finding.
/// </summary>
public interface IFuzzer
{
    string Name { get; }

    void FuzzTarget(ReadOnlySpan<byte> input);
}
