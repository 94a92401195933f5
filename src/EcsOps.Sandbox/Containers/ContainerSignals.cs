using EcsOps.Sandbox.Containers.Native;

namespace EcsOps.Sandbox.Containers;

/// <summary>Linux signal numbers of <see cref="ContainerSignal"/>.</summary>
internal static class ContainerSignals
{
    public static int Number(ContainerSignal signal) => signal switch
    {
        ContainerSignal.Interrupt => LibC.SIGINT,
        ContainerSignal.Quit => LibC.SIGQUIT,
        ContainerSignal.Terminate => LibC.SIGTERM,
        ContainerSignal.Kill => LibC.SIGKILL,
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, null),
    };
}
