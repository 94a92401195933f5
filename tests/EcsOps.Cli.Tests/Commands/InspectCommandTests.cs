using System.Text;
using System.Text.Json;
using EcsOps.Aws.Ecs.Model;
using EcsOps.Cli.Tests.Support;

namespace EcsOps.Cli.Tests.Commands;

/// <summary>
/// `ecsops inspect` as a process against a sandbox of its own (Support/inspect-world.yaml): secrets masked by default
/// and shown only with --reveal, a stopped task's reason and exit code, the definition diff of a deployment under way,
/// and JSON that parses. Task aaaa… is the one inspected; bbbb… is the one stopped.
/// </summary>
[Collection(InspectSandboxCollection.Name)]
public sealed class InspectCommandTests(InspectSandboxFixture sandbox)
{
    private const string Inspected = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string ToStop = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    private const string SecretsManagerValue = "secret-from-secrets-manager-81";
    private const string PlainToken = "plain-token-value-17";
    private const string UrlPassword = "url-password-29";
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Inspect_Env_SecretsMaskedByDefinitionByNameAndInsideUrls()
    {
        var result = await InspectAsync("--env");

        Assert.True(result.ExitCode == 0, result.ToString());
        var output = result.StandardOutput;
        Assert.DoesNotContain(SecretsManagerValue, output);
        Assert.DoesNotContain(PlainToken, output);
        Assert.DoesNotContain(UrlPassword, output);
        Assert.Matches(@"DB_PASSWORD\s+<masked>\s+secret arn:aws:secretsmanager:", output);
        Assert.Matches(@"API_TOKEN\s+<masked>\s+environment", output);
        Assert.Contains("postgres://shop:<masked>@db.internal:5432/shop", output);
        Assert.Matches(@"APP_ENV\s+staging\s+environment", output);
    }

    [Fact]
    public async Task Inspect_EnvReveal_ShowsTheValuesAndSaysSoOnStderr()
    {
        var result = await InspectAsync("--env", "--reveal");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(SecretsManagerValue, result.StandardOutput);
        Assert.Contains(PlainToken, result.StandardOutput);
        Assert.Contains($"postgres://shop:{UrlPassword}@db.internal:5432/shop", result.StandardOutput);
        Assert.Contains("revealing secret values", result.StandardError);
        Assert.Contains("recorded as audit run ", result.StandardError);
        Assert.Contains("DB_PASSWORD", result.StandardError);
    }

    [Fact]
    public async Task Inspect_File_TextShownWithSecretsMaskedBinaryWithheldLongFileCut()
    {
        using var files = new ScratchDirectory("inspect-files");
        await File.WriteAllTextAsync(files["app.yml"], "user: app\npassword: file-password-41\nurl: mysql://u:pw-in-url-53@h/db\nlevel: info\n");
        await File.WriteAllBytesAsync(files["blob.bin"], [0x7F, 0x45, 0x4C, 0x46, 0, 1, 2, 3]);
        await File.WriteAllTextAsync(files["big.log"], new string('x', 100 * 1024));

        var result = await InspectAsync("--file", files["app.yml"], "--file", files["blob.bin"], "--file", files["big.log"], "--file", files["gone"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var output = result.StandardOutput;
        Assert.Contains("user: app\npassword: <masked>\nurl: mysql://u:<masked>@h/db\nlevel: info", output);
        Assert.DoesNotContain("file-password-41", output);
        Assert.Contains("binary content, not shown", output);
        Assert.Contains("only the first 65,536 bytes are shown", output);
        Assert.Contains($"File {files["gone"]} (missing)", output);
    }

    [Fact]
    public async Task Inspect_Stopped_ShowsTheStopReasonAndTheContainersExitCode()
    {
        using var deadline = new CancellationTokenSource(s_deadline);
        await sandbox.Ecs().StopTaskAsync(
            new StopTaskRequest { Cluster = InspectSandboxFixture.Cluster, Task = ToStop, Reason = "Scaling activity initiated by test" },
            deadline.Token);
        await sandbox.WaitUntilStoppedAsync(ToStop, deadline.Token);

        var result = await InspectAsync("--stopped");

        Assert.True(result.ExitCode == 0, result.ToString());
        var row = Assert.Single(result.StandardOutput.Split('\n'), l => l.Contains(ToStop, StringComparison.Ordinal));
        Assert.Contains("Scaling activity initiated by test", row);
        Assert.Contains("UserInitiated", row);
        Assert.Contains("app=3", row); // the container's TERM trap exits 3
    }

    [Fact]
    public async Task Inspect_DefsDuringADeployment_DiffShowsTheChangedFieldsAndMasksSecretsOnBothSides()
    {
        using var deadline = new CancellationTokenSource(s_deadline);
        await sandbox.Ecs().UpdateServiceAsync(
            new UpdateServiceRequest { Cluster = InspectSandboxFixture.Cluster, Service = "web", TaskDefinition = "shop:2" }, deadline.Token);

        var result = await InspectAsync("--defs");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.StandardOutput.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Contains("--- shop:1 (this task)", lines);
        Assert.Contains(lines, l => l.StartsWith("+++ shop:2, the service's revision", StringComparison.Ordinal));
        Assert.Contains("-  image: registry.example/shop:1.0", lines);
        Assert.Contains("+  image: registry.example/shop:1.1", lines);
        Assert.Contains("-  env LOG_LEVEL=info", lines);
        Assert.Contains("+  env LOG_LEVEL=debug", lines);
        Assert.Contains("-  env API_TOKEN=<masked>", lines);
        Assert.Contains("+  env API_TOKEN=<masked>", lines);
        Assert.DoesNotContain(lines, l => l.Contains("plain-token-value", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("APP_ENV", StringComparison.Ordinal) && l[0] is '-' or '+');
    }

    [Fact]
    public async Task Inspect_OutputJson_ParsesWithEverySectionAskedFor()
    {
        using var deadline = new CancellationTokenSource(s_deadline);
        await sandbox.WaitForLogLineAsync($"shop/app/{Inspected}", "shop: ready", deadline.Token);
        using var files = new ScratchDirectory("inspect-json");
        await File.WriteAllTextAsync(files["settings.env"], "SECRET_KEY=abc123-json-77\nDEBUG=false\n");

        var result = await InspectAsync("--env", "--defs", "--stopped", "--logs", "5", "--file", files["settings.env"], "--output", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.StandardOutputBytes);
        var root = json.RootElement;
        Assert.EndsWith("/shop/web/app", root.GetProperty("target").GetString());
        var task = root.GetProperty("task");
        Assert.Equal(Inspected, task.GetProperty("taskId").GetString());
        Assert.Equal("shop:1", task.GetProperty("taskDefinition").GetString());
        Assert.True(task.GetProperty("execReady").GetBoolean());
        Assert.Equal("app", task.GetProperty("containers")[0].GetProperty("name").GetString());
        var password = root.GetProperty("environment").GetProperty("variables").EnumerateArray()
            .Single(v => v.GetProperty("name").GetString() == "DB_PASSWORD");
        Assert.Equal("<masked>", password.GetProperty("value").GetString());
        Assert.True(password.GetProperty("masked").GetBoolean());
        Assert.Equal("shop:2", root.GetProperty("definitions").GetProperty("compared").GetString());
        Assert.Equal("SECRET_KEY=<masked>\nDEBUG=false\n", root.GetProperty("files")[0].GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("stopped").ValueKind);
        Assert.Contains(root.GetProperty("logs").GetProperty("lines").EnumerateArray(), l => l.GetProperty("message").GetString() == "shop: ready");
        Assert.False(root.GetProperty("revealed").GetBoolean());
        Assert.DoesNotContain(SecretsManagerValue, Encoding.UTF8.GetString(result.StandardOutputBytes));
    }

    private Task<CliResult> InspectAsync(params string[] options) =>
        sandbox.RunAsync(["inspect", "shop/web", "--task", Inspected, .. options]);
}
