using System.CommandLine;

namespace EcsOps.Cli.Targeting;

/// <summary>The optional positional selector of a command that works on containers; the target flags narrow it further.</summary>
public static class SelectorArgument
{
    public const string DefaultDescription = "[account/][region/]cluster[/service][/container], globs allowed, or a named target";

    public static Argument<string?> Create(string description = DefaultDescription) => new("selector")
    {
        Description = description,
        Arity = ArgumentArity.ZeroOrOne,
    };
}
