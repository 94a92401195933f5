namespace EcsOps.Runbooks.Exec;

/// <summary>Where Ctrl-C comes from (the CLI's signal handling); a runner takes it over while a command runs.</summary>
public interface IInterruptSource
{
    /// <summary>
    /// Installs <paramref name="interceptor"/> until the returned handle is disposed. It runs on the signal thread,
    /// must be quick, and returns true when it handled the interrupt (false lets the default cancellation happen).
    /// </summary>
    IDisposable Intercept(Func<bool> interceptor);
}
