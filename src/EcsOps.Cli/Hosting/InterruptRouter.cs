using EcsOps.Runbooks.Exec;

namespace EcsOps.Cli.Hosting;

/// <summary>
/// Lets a running command take Ctrl-C for itself (exec passes it to the remote process as 0x03) instead of the
/// default, which cancels the invocation. One interceptor at a time; the latest wins.
/// </summary>
public sealed class InterruptRouter : IInterruptSource
{
    private Func<bool>? _interceptor;

    /// <summary>
    /// Installs <paramref name="interceptor"/> until the returned handle is disposed. It runs on the signal thread,
    /// must be quick, and returns true when it handled the interrupt (false lets the default cancellation happen).
    /// </summary>
    public IDisposable Intercept(Func<bool> interceptor)
    {
        ArgumentNullException.ThrowIfNull(interceptor);
        Volatile.Write(ref _interceptor, interceptor);
        return new Registration(this, interceptor);
    }

    /// <summary>Offers an interrupt to the interceptor; false when there is none or it declined.</summary>
    public bool TryHandle()
    {
        var interceptor = Volatile.Read(ref _interceptor);
        try
        {
            return interceptor?.Invoke() ?? false;
        }
        catch (Exception)
        {
            // A failing interceptor must not swallow Ctrl-C: fall back to cancelling.
            return false;
        }
    }

    private sealed class Registration(InterruptRouter router, Func<bool> interceptor) : IDisposable
    {
        public void Dispose() => Interlocked.CompareExchange(ref router._interceptor, null, interceptor);
    }
}
