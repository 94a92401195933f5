using EcsOps.Aws;
using EcsOps.Aws.Audit;
using EcsOps.Aws.Audit.Transcripts;
using EcsOps.Protocol.Sessions;

namespace EcsOps.Cli.Hosting;

/// <summary>
/// The recording of one interactive shell when <c>audit.transcripts</c> is configured: started (part 0 stored) before
/// the session opens, so a store that refuses writes stops the shell from starting; finished with the parts noted on
/// the audited run and any lost part reported on stderr.
/// </summary>
public sealed class ShellTranscript : IAsyncDisposable
{
    private static readonly TimeSpan s_finishTimeout = TimeSpan.FromSeconds(60);

    private readonly S3TranscriptStore _store;
    private readonly TranscriptRecorder _recorder;
    private readonly AuditedRun _run;
    private readonly CliContext _context;

    private ShellTranscript(S3TranscriptStore store, TranscriptRecorder recorder, AuditedRun run, CliContext context)
    {
        _store = store;
        _recorder = recorder;
        _run = run;
        _context = context;
    }

    /// <summary>What the shell reports output, input and resizes to.</summary>
    public ISessionTranscript Recorder => _recorder;

    /// <summary>Starts the recording; null when transcripts are not configured.</summary>
    public static async Task<ShellTranscript?> StartAsync(
        CliContext context, AwsWorkspace workspace, AuditedRun run, string title, string shell, TerminalSize size, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(size);
        if (workspace.Config.Audit.Transcripts is not { } config || S3TranscriptStore.For(workspace) is not { } store)
        {
            return null;
        }

        try
        {
            var environment = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["TERM"] = Environment.GetEnvironmentVariable("TERM") ?? "xterm-256color",
                ["SHELL"] = shell,
            };
            var header = new AsciicastHeader((int)size.Columns, (int)size.Rows, workspace.TimeProvider.GetUtcNow(), environment, title);
            var options = S3TranscriptStore.OptionsFrom(config, workspace.TimeProvider, message => AuditScope.Warn(context, message));
            var recorder = await TranscriptRecorder.StartAsync(store, run.RunId.Value, header, options, cancellationToken);
            return new ShellTranscript(store, recorder, run, context);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>Stores the rest, notes every stored part on the run, warns about lost ones.</summary>
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(s_finishTimeout);
        try
        {
            var summary = await _recorder.CompleteAsync(timeout.Token);
            foreach (var part in summary.Parts)
            {
                _run.AddTranscript(part);
            }
        }
        catch (OperationCanceledException)
        {
            AuditScope.Warn(_context, $"audit: the transcript of run {_run.RunId} was still being stored after {s_finishTimeout.TotalSeconds:0} s; its last parts may be missing");
        }
        finally
        {
            await _recorder.DisposeAsync();
            _store.Dispose();
        }
    }
}
