// Loads the audit checkpoint signing key, or creates one where none is configured. A configured
// key that is missing or is not an ECDSA P-256 private key stops the service at start-up with a
// message that says what to fix: checkpoints signed by a key nobody keeps would prove nothing.
namespace Fillmore.Api.Hosting;

using System.Security.Cryptography;
using Fillmore.Core.Audit;
using Fillmore.Storage;
using Microsoft.Extensions.Options;

public static partial class AuditCheckpointKey
{
    public const string DefaultFileName = "audit-checkpoint-key.pem";

    public static AuditCheckpointSigner Load(AuditCheckpointOptions options, StoreOptions store, ILogger log)
    {
        if (!string.IsNullOrWhiteSpace(options.CheckpointKeyFile)) return Read(options.CheckpointKeyFile);
        var folder = string.Equals(store.Provider, "sqlite", StringComparison.OrdinalIgnoreCase)
            ? Path.GetDirectoryName(Path.GetFullPath(store.SqlitePath))! : Path.GetFullPath("./data");
        var path = Path.Combine(folder, DefaultFileName);
        if (File.Exists(path)) return Read(path);
        Directory.CreateDirectory(folder);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        File.WriteAllText(path, key.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var signer = Read(path);
        LogCreated(log, path, signer.KeyId);
        return signer;
    }

    private static AuditCheckpointSigner Read(string path)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(path));
            if (key.KeySize != 256) throw new CryptographicException($"a {key.KeySize}-bit key");
            key.SignData([0], HashAlgorithmName.SHA256);   // a public key alone cannot sign
            return new AuditCheckpointSigner(key);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException
                                       or CryptographicException)
        {
            key.Dispose();
            throw new OptionsValidationException("FILLMORE_AUDIT_CHECKPOINT_KEY", typeof(AuditCheckpointOptions),
            [
                $"The audit checkpoint key {path} cannot be used ({ex.Message}). It must be a PEM file with an "
                + "ECDSA P-256 private key, e.g. made by: openssl ecparam -name prime256v1 -genkey -noout "
                + "| openssl pkcs8 -topk8 -nocrypt -out key.pem",
            ]);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created an audit checkpoint signing key at {Path} "
        + "(key id {KeyId}). Keep it, and give production nodes a key of your own (FILLMORE_AUDIT_CHECKPOINT_KEY).")]
    private static partial void LogCreated(ILogger log, string path, string keyId);
}
