// Where the master key of the encryption at rest comes from (section "Fillmore:Encryption"; see
// docs/security.md). The key itself is never read from appsettings: it is a file named here
// (FILLMORE_MASTER_KEY_FILE) or the secret variable FILLMORE_MASTER_KEY, base64 of 32 random
// bytes (`openssl rand -base64 32`). The previous master key, while it is being replaced, the same
// way (FILLMORE_PREVIOUS_MASTER_KEY_FILE, FILLMORE_PREVIOUS_MASTER_KEY).
namespace Fillmore.Api.Security;

public sealed class EncryptionOptions
{
    public const string MasterKeyVariable = "FILLMORE_MASTER_KEY";
    public const string PreviousMasterKeyVariable = "FILLMORE_PREVIOUS_MASTER_KEY";

    public string? MasterKeyFile { get; set; }
    public string? PreviousMasterKeyFile { get; set; }
}
