using EcsOps.Server.Tests.Support;

namespace EcsOps.Server.Tests.Jobs;

/// <summary>Restarts on the default store, a SQLite file.</summary>
public sealed class SqliteRestartTests : RestartContract
{
    protected override Task<TestBedOptions> OptionsAsync() => Task.FromResult(new TestBedOptions());
}
