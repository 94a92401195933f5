namespace EcsOps.TestSupport.Timing;

/// <summary>Awaits with a generous deadline, so a hang fails the test instead of stalling the run.</summary>
public static class TestDeadline
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(30);

    public static Task WithinTestDeadline(this Task task) => task.WaitAsync(Default);

    public static Task<T> WithinTestDeadline<T>(this Task<T> task) => task.WaitAsync(Default);

    public static Task WithinTestDeadline(this ValueTask task) => task.AsTask().WaitAsync(Default);

    public static Task<T> WithinTestDeadline<T>(this ValueTask<T> task) => task.AsTask().WaitAsync(Default);

    /// <summary>A token that cancels at the default deadline.</summary>
    public static CancellationToken Token() => new CancellationTokenSource(Default).Token;
}
