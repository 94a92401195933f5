using EcsOps.Fuzz.Fuzzers;
using SharpFuzz;

// Usage, with a SharpFuzz-instrumented EcsOps.Protocol.dll under AFL++:
//   afl-fuzz -i corpus -o findings -- dotnet EcsOps.Fuzz.dll client-message
// Without AFL (smoke run over files): dotnet EcsOps.Fuzz.dll client-message FILE...
IFuzzer[] fuzzers = [new ClientMessageDecoderFuzzer(), new SmuxFrameDecoderFuzzer()];
var fuzzer = fuzzers.FirstOrDefault(f => f.Name == args.FirstOrDefault());
if (fuzzer is null)
{
    Console.Error.WriteLine($"error: name a fuzz target: {string.Join(", ", fuzzers.Select(f => f.Name))}");
    return 2;
}

if (args.Length > 1)
{
    foreach (var file in args.Skip(1))
    {
        fuzzer.FuzzTarget(File.ReadAllBytes(file));
    }

    return 0;
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var memory = new MemoryStream();
    stream.CopyTo(memory);
    fuzzer.FuzzTarget(memory.ToArray());
});
return 0;
