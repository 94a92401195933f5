using System.CommandLine;

namespace EcsOps.Cli.Hosting;

/// <summary><c>--reason TEXT</c>: why the operator acts; goes into the audit events and the SSM session's Reason.</summary>
public static class ReasonOption
{
    public static Option<string?> Create() => new("--reason")
    {
        Description = "Why you are doing this (a ticket, an incident); recorded in the audit trail and in AWS",
    };
}
