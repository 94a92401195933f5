namespace EcsOps.Sandbox.Ssm;

/// <summary>The Session Manager documents the sandbox accepts in StartSession, with their required parameters.</summary>
public static class SessionDocuments
{
    /// <summary>The document StartSession uses when none is named: an interactive shell.</summary>
    public const string DefaultShell = "SSM-SessionManagerRunShell";

    public const string InteractiveCommand = "AWS-StartInteractiveCommand";
    public const string NonInteractiveCommand = "AWS-StartNonInteractiveCommand";
    public const string PortForwarding = "AWS-StartPortForwardingSession";
    public const string PortForwardingToRemoteHost = "AWS-StartPortForwardingSessionToRemoteHost";

    private static readonly Dictionary<string, string[]> s_requiredParameters = new(StringComparer.Ordinal)
    {
        [DefaultShell] = [],
        [InteractiveCommand] = ["command"],
        [NonInteractiveCommand] = ["command"],
        [PortForwarding] = ["portNumber"],
        [PortForwardingToRemoteHost] = ["host", "portNumber"],
    };

    /// <summary>The required parameters of a known document, or null when the document does not exist.</summary>
    public static IReadOnlyList<string>? RequiredParameters(string documentName) =>
        s_requiredParameters.GetValueOrDefault(NameOf(documentName));

    /// <summary>Accepts a document ARN (<c>arn:aws:ssm:…:document/AWS-StartPortForwardingSession</c>) as well as a name.</summary>
    public static string NameOf(string documentNameOrArn)
    {
        var slash = documentNameOrArn.LastIndexOf('/');
        return documentNameOrArn.StartsWith("arn:", StringComparison.Ordinal) && slash >= 0
            ? documentNameOrArn[(slash + 1)..]
            : documentNameOrArn;
    }
}
