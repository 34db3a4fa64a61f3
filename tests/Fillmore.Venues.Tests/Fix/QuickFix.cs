// Where QuickFIX's example acceptors are: FILLMORE_QUICKFIX_DIR (scripts/services runs
// scripts/quickfix/prepare and sets it), or, when it is unset and Debian's libquickfix-doc is
// installed, a folder prepared on first use by the same script. Without them the FIX tests are
// skipped, with the reason, except under FILLMORE_REQUIRE_SERVERS=1 (CI), where they fail.
namespace Fillmore.Venues.Tests.Fix;

using System.Diagnostics;

public static class QuickFix
{
    public const string Variable = "FILLMORE_QUICKFIX_DIR";
    private const string Examples = "/usr/share/doc/libquickfix-doc/examples/executor/C++/.libs/executor.gz";
    private static readonly Lazy<(string? Dir, string? Why)> Prepared = new(Prepare);

    public static bool Required => Environment.GetEnvironmentVariable("FILLMORE_REQUIRE_SERVERS") == "1";

    /// <summary>Why the FIX tests cannot run here (a cheap check, made at discovery), or null.</summary>
    public static string? SkipReason =>
        Required || HasBinaries(Environment.GetEnvironmentVariable(Variable)) || (File.Exists(Examples)
            && OnPath("gcc")) ? null
            : $"FIX tests skipped: {Variable} is not set and QuickFIX's examples are not installed " +
              "(scripts/services prepares them; " +
              "apt-get install -y libquickfix17 libquickfix-doc).";

    /// <summary>The folder with executor, ordermatch and bind_loopback.so; a test fails when there is none.</summary>
    public static string Directory => Prepared.Value.Dir
        ?? throw new Xunit.Sdk.XunitException($"QuickFIX's acceptors are not available: {Prepared.Value.Why}");

    private static (string?, string?) Prepare()
    {
        var given = Environment.GetEnvironmentVariable(Variable);
        if (HasBinaries(given)) return (given, null);
        var script = Path.Combine(RepositoryRoot(), "scripts", "quickfix", "prepare");
        // One folder per user, reused by later runs: the binaries are the package's, always the same.
        var target = Path.Combine(Path.GetTempPath(), $"fillmore-quickfix-tests-{Environment.UserName}");
        if (HasBinaries(target)) return (target, null);
        using var process = Process.Start(new ProcessStartInfo("bash", [script, target])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return HasBinaries(target) ? (target, null) : (null, $"{script} failed: {error.Result.Trim()}");
    }

    private static bool HasBinaries(string? dir) => !string.IsNullOrEmpty(dir)
        && new[] { "executor", "ordermatch", "bind_loopback.so" }.All(f => File.Exists(Path.Combine(dir, f)));

    private static bool OnPath(string program) => (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(':', StringSplitOptions.RemoveEmptyEntries).Any(d => File.Exists(Path.Combine(d, program)));

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Fillmore.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("Fillmore.slnx not found above the test folder.");
    }
}
