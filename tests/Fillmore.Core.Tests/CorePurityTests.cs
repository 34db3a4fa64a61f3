// Core is the deterministic engine: it may not read the clock, a random source or a GUID
// generator directly, nor reference ASP.NET, a database driver or a network client.
namespace Fillmore.Core.Tests;

using System.Reflection;
using System.Text.RegularExpressions;
using Fillmore.Core.Orders;

public class CorePurityTests
{
    private static readonly string[] BannedSource =
    [
        @"DateTime(Offset)?\.(Utc)?Now", @"DateTime\.Today", @"Guid\.NewGuid", @"new\s+Random\s*\(", @"Random\.Shared",
        @"RandomNumberGenerator", @"Environment\.TickCount", @"Stopwatch\.", @"Thread\.Sleep", @"TimeProvider\.System",
        @"System\.Net\.Http", @"System\.Net\.Sockets", @"Microsoft\.AspNetCore", @"Microsoft\.Data\.", @"Npgsql",
    ];

    private static readonly string[] AllowedAssemblyPrefixes = ["System", "Microsoft.Extensions.Logging.Abstractions", "netstandard", "mscorlib"];

    [Fact]
    public void Core_source_uses_no_clock_random_or_io_directly()
    {
        var coreDir = FindCoreSourceDirectory();
        var offenders = Directory.EnumerateFiles(coreDir, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => !l.Text.TrimStart().StartsWith("//", StringComparison.Ordinal))
            .SelectMany(l => BannedSource.Where(p => Regex.IsMatch(l.Text, p)).Select(p => $"{Path.GetFileName(l.File)}:{l.Line} uses {p}"))
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void Core_references_only_the_base_library_and_extension_abstractions()
    {
        var references = typeof(Order).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.NotEmpty(references);
        Assert.All(references, name => Assert.Contains(AllowedAssemblyPrefixes, p => name.StartsWith(p, StringComparison.Ordinal)));
        Assert.DoesNotContain(references, n => n.StartsWith("System.Net", StringComparison.Ordinal) && n != "System.Net.Primitives");
    }

    private static string FindCoreSourceDirectory() => Path.Combine(RepositoryRoot(), "src", "Fillmore.Core");

    /// <summary>The repository's root folder, found above the test's output folder.</summary>
    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "src", "Fillmore.Core"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("src/Fillmore.Core not found above the test folder.");
    }
}
