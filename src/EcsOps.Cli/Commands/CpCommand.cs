using System.CommandLine;
using EcsOps.Aws.Audit;
using EcsOps.Aws.Sessions;
using EcsOps.Cli.Hosting;
using EcsOps.Cli.Rendering;
using EcsOps.Cli.Targeting;
using EcsOps.Runbooks.Exec;
using EcsOps.Runbooks.Files;
using Spectre.Console;

namespace EcsOps.Cli.Commands;

/// <summary>
/// <c>ecsops cp SRC DST [--force] [target flags]</c>: copies a file or directory into or out of a container over ECS
/// Exec, binary-safe and SHA-256 checked on both ends, never leaving a partial file in place of a good one. Exactly one
/// side is <c>[SELECTOR]:PATH</c>; <c>-</c> is standard input or output (one file). Audited (action <c>cp</c>, with the
/// bytes moved): when the start event cannot be stored nothing is copied. See docs/cp-inspect.md.
/// </summary>
public static class CpCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var source = new Argument<string>("source") { Description = "Local path, '-' (stdin), or [SELECTOR]:PATH in a container" };
        var destination = new Argument<string>("destination") { Description = "Local path, '-' (stdout), or [SELECTOR]:PATH in a container" };
        var force = new Option<bool>("--force", "-f") { Description = "Replace an existing destination (a directory is replaced as a whole)" };
        var reason = ReasonOption.Create();
        var targets = new TargetOptions();
        var cp = new EcsOpsCommand("cp", "Copy files or directories into or out of a container (checksummed, binary-safe)");
        cp.Arguments.Add(source);
        cp.Arguments.Add(destination);
        cp.Options.Add(force);
        cp.Options.Add(reason);
        targets.AddTo(cp);
        cp.SetAction(async (parse, cancellationToken) =>
        {
            var from = CopyLocation.Parse(parse.GetValue(source)!);
            var to = CopyLocation.Parse(parse.GetValue(destination)!);
            var remote = (from.IsRemote, to.IsRemote) switch
            {
                (true, true) => throw new UserFacingException(
                    "cp copies between this machine and one container; copy to a local path first, then on", ExitCodes.Usage),
                (false, false) => throw new UserFacingException(
                    "one side of cp must be in a container, written SELECTOR:PATH (or :PATH with target flags)", ExitCodes.Usage),
                (true, false) => from,
                _ => to,
            };

            using var workspace = WorkspaceFactory.Create(parse, context);
            var (container, _) = await ContainerChooser.ChooseAsync(
                workspace, parse, targets, remote.Selector, context, ExitCodes.Failed, cancellationToken);
            ContainerChooser.EnsureExecReady(container, ExitCodes.Failed);
            var start = new AuditStart
            {
                Action = AuditActions.Copy,
                Command = $"cp {parse.GetValue(source)} {parse.GetValue(destination)}",
                Parameters = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["source"] = parse.GetValue(source)!,
                    ["destination"] = parse.GetValue(destination)!,
                },
                Target = AuditTarget.Of(container),
                Reason = parse.GetValue(reason),
            };
            return await AuditScope.RunAsync(
                context,
                workspace,
                start,
                async (run, ct) =>
                {
                    var runner = new ContainerCommandRunner(SessionStarter.For(workspace), container, context.Interrupts);
                    var showProgress = !context.Streams.IsErrorRedirected;
                    var result = await SessionFailureDoctor.RunAsync(
                        workspace,
                        container,
                        context,
                        () => RunWithProgressAsync(context, showProgress, progress => CopyAsync(context, runner, progress, from, to, parse.GetValue(force), ct)),
                        ct);
                    run.AddBytes(to.IsRemote ? result.Bytes : 0, to.IsRemote ? 0 : result.Bytes);
                    Report(context, result, showProgress);
                    return ExitCodes.Ok;
                },
                ExitCodes.Failed,
                cancellationToken);
        });
        return cp;
    }

    private static void Report(CliContext context, CopyResult result, bool showProgress)
    {
        foreach (var skipped in result.Skipped)
        {
            context.Diagnostics.MarkupLine($"[yellow]warning:[/] not copied (not a file, directory or symlink): {Markup.Escape(skipped)}");
        }

        if (showProgress)
        {
            context.Diagnostics.MarkupLine(Markup.Escape(
                $"copied {result.Bytes:N0} bytes to {result.Destination} (sha256 {result.Sha256[..16]}…, checked on both ends)"));
        }
    }

    private static async Task<CopyResult> CopyAsync(
        CliContext context, ContainerCommandRunner runner, ICopyProgress progress, CopyLocation from, CopyLocation to, bool force,
        CancellationToken cancellationToken)
    {
        try
        {
            if (to.IsRemote)
            {
                var uploader = new FileUploader(runner, progress);
                if (from.Kind == CopyLocationKind.StandardStream)
                {
                    await using var stdin = context.Streams.OpenStandardInput();
                    return await uploader.UploadStreamAsync(stdin, to.RemoteArgument, force, cancellationToken);
                }

                return await uploader.UploadAsync(from.Path, to.RemoteArgument, force, cancellationToken);
            }

            var downloader = new FileDownloader(runner, progress);
            if (to.Kind == CopyLocationKind.StandardStream)
            {
                await using var stdout = context.Streams.OpenStandardOutput();
                return await downloader.DownloadToStreamAsync(from.RemoteArgument, stdout, cancellationToken);
            }

            return await downloader.DownloadAsync(from.RemoteArgument, to.Path, force, cancellationToken);
        }
        catch (CopyException error) when (error.Interrupted)
        {
            throw new UserFacingException(error.Message, ExitCodes.Interrupted, error);
        }
    }

    private static Task<CopyResult> RunWithProgressAsync(CliContext context, bool showProgress, Func<ICopyProgress, Task<CopyResult>> copy) =>
        showProgress ? SpectreCopyProgress.RunAsync(context.Diagnostics, copy) : copy(NoCopyProgress.Instance);
}
