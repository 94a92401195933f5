using System.Diagnostics;
using System.Text;
using EcsOps.Runbooks.Exec;
using EcsOps.Runbooks.Parameters;
using EcsOps.Runbooks.Templates;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EcsOps.Runbooks.Tests.Templates;

public sealed class CommandRendererTests
{
    private static ParameterValues Values(params (string Name, string Value)[] values) =>
        new(values.ToDictionary(v => v.Name, v => v.Value), new HashSet<string>());

    [Fact]
    public void Render_PlaceholdersInsideElements_FilledInPlace()
    {
        var command = CommandTemplate.Parse(["pg_dump", "--dbname={{ database }}", "{{database}}", "{{.Name}}", "{{ unknown-ish"]);

        var rendered = CommandRenderer.Render(command, Values(("database", "orders")));

        Assert.Equal(["pg_dump", "--dbname=orders", "orders", "{{.Name}}", "{{ unknown-ish"], rendered.Argv);
    }

    [Fact]
    public void Render_ValueHoldingAnotherPlaceholder_StaysLiteral()
    {
        var command = CommandTemplate.Parse(["echo", "{{a}}", "{{b}}"]);

        var rendered = CommandRenderer.Render(command, Values(("a", "{{b}}"), ("b", "{{a}}")));

        Assert.Equal(["echo", "{{b}}", "{{a}}"], rendered.Argv);
    }

    [Fact]
    public void Render_SecretParameter_MaskedOnlyInTheMaskedArgv()
    {
        var command = CommandTemplate.Parse(["psql", "--password={{pw}}", "{{db}}"]);
        var values = new ParameterValues(new Dictionary<string, string> { ["pw"] = "hunter2", ["db"] = "orders" }, new HashSet<string> { "pw" });

        var rendered = CommandRenderer.Render(command, values);

        Assert.Equal(["psql", "--password=hunter2", "orders"], rendered.Argv);
        Assert.Equal(["psql", "--password=***", "orders"], rendered.MaskedArgv);
    }

    [Fact]
    public void Render_SecretParameter_ProtectedFormReferencesEachSecretOnceAndKeepsPlainValues()
    {
        var command = CommandTemplate.Parse(["psql", "--password={{pw}}", "{{db}}", "{{token}}:{{pw}}"]);
        var values = new ParameterValues(
            new Dictionary<string, string> { ["pw"] = "hunter2", ["db"] = "orders", ["token"] = "t0k", ["unused"] = "u" },
            new HashSet<string> { "pw", "token", "unused" });

        var rendered = CommandRenderer.Render(command, values);

        Assert.Equal(["hunter2", "t0k"], rendered.Protected.SecretValues);
        Assert.Equal([ArgumentPart.Literal("--password="), ArgumentPart.Secret(0)], rendered.Protected.Arguments[1]);
        Assert.Equal([ArgumentPart.Literal("orders")], rendered.Protected.Arguments[2]);
        Assert.Equal([ArgumentPart.Secret(1), ArgumentPart.Literal(":"), ArgumentPart.Secret(0)], rendered.Protected.Arguments[3]);
        Assert.True(rendered.HasSecrets);
        Assert.False(CommandRenderer.Render(command, Values(("pw", "a"), ("db", "b"), ("token", "c"))).HasSecrets);
    }

    /// <summary>Whatever the values, the argv has exactly the template's elements, each the literal concatenation.</summary>
    [Property(MaxTest = 300)]
    public void Render_AnyValues_SameElementCountAndLiteralContent(NonNull<string> a, NonNull<string> b)
    {
        var command = CommandTemplate.Parse(["prog", "{{a}}", "x{{b}}y{{a}}", "--flag"]);

        var rendered = CommandRenderer.Render(command, Values(("a", a.Get), ("b", b.Get)));

        Assert.Equal(["prog", a.Get, "x" + b.Get + "y" + a.Get, "--flag"], rendered.Argv);
    }

    /// <summary>
    /// The rendered argv, shell-quoted the way the exec wrapper and the staged script quote it, reaches a real
    /// /bin/sh command unchanged: same number of arguments, same bytes.
    /// </summary>
    [Property(MaxTest = 60)]
    public Property ShellQuoted_AnyValuesWithoutNul_ReachTheProgramByteIdentical()
    {
        var text = ArbMap.Default.GeneratorFor<string>()
            .Where(s => s is not null && !s.Contains('\0', StringComparison.Ordinal))
            .Select(s => s + Interesting[Math.Abs(s.Length) % Interesting.Length]);
        return Prop.ForAll(Arb.From(text), Arb.From(text), (a, b) =>
        {
            var argv = CommandRenderer.Render(CommandTemplate.Parse(["printf", "%s\\0", "{{a}}", "-{{b}}-"]), Values(("a", a), ("b", b))).Argv;
            var printed = RunShell(ShellQuoting.Join(argv));
            return printed == a + "\0" + "-" + b + "-" + "\0";
        });
    }

    private static readonly string[] Interesting = ["", "'", "\"", "$(id)", "`id`", ";", "\n", "\\", "*", " ", "{{a}}", "'\\''"];

    private static string RunShell(string line)
    {
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, StandardOutputEncoding = new UTF8Encoding(false) };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(line);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
