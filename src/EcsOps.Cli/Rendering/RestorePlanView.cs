using EcsOps.Runbooks.Postgres;

namespace EcsOps.Cli.Rendering;

/// <summary>What <c>ecsops db restore</c> shows before it asks.</summary>
public static class RestorePlanView
{
    public static PlanView Build(RestorePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var request = plan.Request;
        var mode = (request.Clean ? "drop and recreate each object (--clean --if-exists)" : "add to what is there (no --clean)")
            + (request.SingleTransaction ? ", in one transaction" : ", stopping at the first error");
        return new PlanView("Restore plan")
            .Add("backup", $"{request.Source} ({ByteSize.Format(plan.ExpectedSize)}, sha256 {plan.Manifest.Sha256[..16]}…)")
            .Add("into", $"{request.Container.Path} (task {request.Container.TaskId})")
            .Add("database", plan.DatabaseName is null
                ? "unknown name (the container has no psql)"
                : $"{plan.DatabaseName}{(plan.Facts.SizeBytes is { } size ? $", {ByteSize.Format(size)} now" : "")}")
            .Add("connection", request.Connection.Describe())
            .Add("mode", mode)
            .Add("check", "the dump is downloaded and its SHA-256 verified before pg_restore starts");
    }
}
