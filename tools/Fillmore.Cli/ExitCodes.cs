// What `fillmore` exits with, so scripts can tell a refusal from an outage (README, "The command line").
namespace Fillmore.Cli;

public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The service refused (a problem document: 4xx).</summary>
    public const int Refused = 1;
    /// <summary>The command line itself was wrong (System.CommandLine's parse errors use it too).</summary>
    public const int Usage = 2;
    /// <summary>The service could not be reached, or failed (5xx) after every safe retry.</summary>
    public const int Unavailable = 3;
    /// <summary>audit verify: the chain is broken.</summary>
    public const int AuditBroken = 4;
}
