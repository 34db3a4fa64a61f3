// Finds the master keys at start-up, or says clearly why the service cannot start. Outside
// Development a master key must be given (FILLMORE_MASTER_KEY_FILE or FILLMORE_MASTER_KEY); in
// Development, without one, a key file is made beside the SQLite database (or in ./data for
// PostgreSQL) so that the quick start needs nothing, and reused on the next start.
namespace Fillmore.Api.Security;

using Fillmore.Storage;
using Microsoft.Extensions.Options;

public static class MasterKeySource
{
    public const string DevelopmentFileName = "master.key";

    public static (MasterKey Current, MasterKey? Previous) Load(EncryptionOptions options, IHostEnvironment env,
        StoreOptions store, ILogger log)
    {
        var current = Read(options.MasterKeyFile, EncryptionOptions.MasterKeyVariable, "FILLMORE_MASTER_KEY_FILE");
        if (current is null && env.IsDevelopment()) current = DevelopmentKey(store, log);
        if (current is null)
            throw Refused("No master key for the encryption at rest: set FILLMORE_MASTER_KEY_FILE to a file holding "
                + "base64 of 32 random bytes (openssl rand -base64 32), or the secret variable FILLMORE_MASTER_KEY. "
                + "Keep it out of the database and its backups (docs/security.md).");
        var previous = Read(options.PreviousMasterKeyFile, EncryptionOptions.PreviousMasterKeyVariable,
            "FILLMORE_PREVIOUS_MASTER_KEY_FILE");
        return (current, previous is null || previous.Id == current.Id ? null : previous);
    }

    private static MasterKey? Read(string? file, string variable, string fileVariable)
    {
        string text, source;
        if (!string.IsNullOrWhiteSpace(file))
        {
            if (!File.Exists(file)) throw Refused($"{fileVariable} names {file}, which does not exist.");
            (text, source) = (File.ReadAllText(file), file);
        }
        else if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value)
            (text, source) = (value, variable);
        else return null;
        var (key, problem) = MasterKey.Parse(text, source);
        return key ?? throw Refused(problem!);
    }

    private static MasterKey DevelopmentKey(StoreOptions store, ILogger log)
    {
        var folder = string.Equals(store.Provider, "sqlite", StringComparison.OrdinalIgnoreCase)
            ? Path.GetDirectoryName(Path.GetFullPath(store.SqlitePath))! : Path.GetFullPath("data");
        var path = Path.Combine(folder, DevelopmentFileName);
        Directory.CreateDirectory(folder);
        try
        {
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using var file = new FileStream(path, create);
            using var writer = new StreamWriter(file);
            writer.Write(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
            log.LogWarning("Development: made the master key {Path}. Outside Development set FILLMORE_MASTER_KEY_FILE.",
                path);
        }
        catch (IOException) when (File.Exists(path)) { }    // made before, or by another node starting beside this one
        // A node starting beside the one that makes the file may find it still empty: give the maker a moment.
        var text = File.ReadAllText(path);
        for (var i = 0; i < 50 && text.Length == 0; i++)
        {
            Thread.Sleep(20);
            text = File.ReadAllText(path);
        }
        var (key, problem) = MasterKey.Parse(text, path);
        return key ?? throw Refused(problem!);
    }

    public static OptionsValidationException Refused(string message) =>
        new("FILLMORE_MASTER_KEY", typeof(EncryptionOptions), [message]);
}
