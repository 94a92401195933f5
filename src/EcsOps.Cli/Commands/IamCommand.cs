using System.CommandLine;
using EcsOps.Cli.Hosting;

namespace EcsOps.Cli.Commands;

/// <summary><c>ecsops iam policy …</c>: least-privilege IAM policies for EcsOps.</summary>
public static class IamCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Command("iam", "IAM policies for EcsOps") { IamPolicyCommand.Create(context) };
    }
}
