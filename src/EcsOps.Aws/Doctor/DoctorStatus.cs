namespace EcsOps.Aws.Doctor;

/// <summary>The verdict of one doctor check.</summary>
public enum DoctorStatus
{
    /// <summary>Nothing stands in the way.</summary>
    Pass,

    /// <summary>Worth fixing, or could not be checked; ECS Exec may still work.</summary>
    Warn,

    /// <summary>ECS Exec cannot work until this is fixed.</summary>
    Fail,
}
