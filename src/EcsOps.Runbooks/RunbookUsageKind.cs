namespace EcsOps.Runbooks;

/// <summary>What was wrong with a request to run a runbook.</summary>
public enum RunbookUsageKind
{
    /// <summary>No runbook has that name.</summary>
    UnknownRunbook,

    /// <summary>A <c>key=value</c> argument is not of that form, or names a parameter twice.</summary>
    MalformedArgument,

    /// <summary>A value names a parameter the runbook does not declare.</summary>
    UnknownParameter,

    /// <summary>A required parameter has no value.</summary>
    MissingParameter,

    /// <summary>A value is not of the parameter's type, or breaks its pattern, values or range.</summary>
    InvalidValue,

    /// <summary>The runbook names no target and the request gave none.</summary>
    NoTarget,
}
