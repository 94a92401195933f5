namespace EcsOps.Sandbox.Tests.Gateway.Support;

/// <summary>Awaits with a generous deadline, so a hang fails the test instead of stalling the run.</summary>
internal static class TestDeadline
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(30);

    public static Task WithinDeadline(this Task task) => task.WaitAsync(Default);

    public static Task<T> WithinDeadline<T>(this Task<T> task) => task.WaitAsync(Default);

    public static Task<T> WithinDeadline<T>(this ValueTask<T> task) => task.AsTask().WaitAsync(Default);

    /// <summary>A token that cancels at the default deadline.</summary>
    public static CancellationToken Token() => new CancellationTokenSource(Default).Token;
}
