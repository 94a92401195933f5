namespace EcsOps.TestSupport;

/// <summary>
/// Debian's <c>chromium</c> without a display: loads a page, runs its scripts, and returns the DOM as serialized
/// after the load event (<c>--dump-dom</c>). Nothing is downloaded. Missing Chromium is an error with what to
/// install, never a skip. <c>ECSOPS_CHROMIUM</c> names another binary.
/// </summary>
public static class HeadlessChromium
{
    public static async Task<string> DumpDomAsync(Uri url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        var chromium = (Environment.GetEnvironmentVariable("ECSOPS_CHROMIUM") is { Length: > 0 } configured ? configured : null)
            ?? ExternalProcess.Find("chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser")
            ?? throw new InvalidOperationException("chromium was not found: install the Debian package chromium (it is in .ci/apt-packages) or set ECSOPS_CHROMIUM");
        var profile = Directory.CreateTempSubdirectory("ecsops-chromium-").FullName;
        try
        {
            List<string> arguments =
            [
                "--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
            ];
            if (Environment.IsPrivilegedProcess)
            {
                // Chromium's sandbox refuses to run as root.
                arguments.Add("--no-sandbox");
            }

            arguments.AddRange(["--dump-dom", url.ToString()]);
            return await ExternalProcess.RunAsync(chromium, arguments, cancellationToken);
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }
}
