// The style rules of src/, kept by tests: no line over 120 columns, one top-level type per file,
// and reason codes only from the ReasonCodes registry, each explained in docs/errors.md. Files are
// read with Roslyn's parser, so strings and comments never pass for code.
namespace Fillmore.Core.Tests;

using System.Reflection;
using System.Text.RegularExpressions;
using Fillmore.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

public class StyleTests
{
    private const int MaxColumns = 120;

    private static readonly Regex CodeLike = new("^[A-Z][A-Z0-9]+(_[A-Z0-9]+)+$", RegexOptions.CultureInvariant);

    /// <summary>
    /// Names that look like codes but are not: the environment variables Fillmore reads (the keys of
    /// FillmoreServices.EnvironmentVariables, and the option names it reports them under), plus
    /// ORDER_TIMEOUT_SECONDS and EXCHANGE_API_RATE_LIMIT, and OpenTelemetry's own variables the host reads
    /// (ObservabilityServices). Nothing else is allowed.
    /// </summary>
    private static readonly HashSet<string> NotCodes =
    [
        "FILLMORE_DB", "FILLMORE_STORE", "FILLMORE_POSTGRES", "FILLMORE_NODE_ID", "FILLMORE_REDIS",
        "FILLMORE_VENUE_URL", "FILLMORE_VENUE_FIX", "FILLMORE_MARKET_DATA", "FILLMORE_REFERENCE_PRICES", "EXCHANGE_API_KEY", "ORDER_EXECUTION_V2_ENABLED", "FILLMORE_SIM_SEED",
        "ORDER_RATE_LIMIT_PER_MINUTE", "EXCHANGE_TIME_ZONE", "ORDER_STATUS_UPDATE_TIMEOUT", "ORDER_RETRY_MAX_ATTEMPTS",
        "ORDER_TIMEOUT_SECONDS", "EXCHANGE_API_RATE_LIMIT", "FILLMORE_AUDIT_CHECKPOINT_KEY",
        "FILLMORE_AUDIT_CHECKPOINT_INTERVAL", "FILLMORE_AUDIT_PARTITIONS", "FILLMORE_VENUE_CA", "FILLMORE_TLS_CERT", "FILLMORE_TLS_KEY",
        "FILLMORE_TLS_MIN_VERSION", "FILLMORE_MASTER_KEY_FILE", "FILLMORE_PREVIOUS_MASTER_KEY_FILE",
        "FILLMORE_MASTER_KEY", "FILLMORE_PREVIOUS_MASTER_KEY", "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_SERVICE_NAME",
    ];

    [Fact]
    public void No_src_line_is_longer_than_120_columns()
    {
        var offenders = SourceFiles()
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, line.Length)))
            .Where(l => l.Length > MaxColumns)
            .Select(l => $"{Relative(l.File)}:{l.Line} ({l.Length} columns)")
            .ToList();
        Assert.True(offenders.Count == 0,
            $"{offenders.Count} lines over {MaxColumns} columns:\n" + string.Join("\n", offenders));
    }

    /// <remarks>
    /// Counts classes, records, structs, interfaces, enums and delegates declared outside any type
    /// (nested types are fine). A generic and a non-generic type of the same name count as two. No
    /// exception, except a <c>file</c>-local type: the language itself keeps that one private.
    /// </remarks>
    [Fact]
    public void Every_src_file_declares_one_top_level_type()
    {
        var offenders = SourceFiles()
            .Select(f => (File: f, Types: TopLevelTypes(Parse(f)).ToList()))
            .Where(f => f.Types.Count > 1)
            .Select(f => $"{Relative(f.File)}: {string.Join(", ", f.Types)}")
            .ToList();
        Assert.True(offenders.Count == 0, "files with more than one top-level type:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void Every_reason_code_is_documented_in_errors_md()
    {
        var docs = File.ReadAllText(Path.Combine(CorePurityTests.RepositoryRoot(), "docs", "errors.md"));
        var codes = ReasonCodeValues();
        Assert.NotEmpty(codes);
        var undocumented = codes.Where(c => !docs.Contains($"`{c}`", StringComparison.Ordinal)).ToList();
        Assert.True(undocumented.Count == 0, "codes missing from docs/errors.md: " + string.Join(", ", undocumented));
    }

    /// <remarks>
    /// Only double-quoted C# string tokens whose whole value looks like a code are checked: raw
    /// strings (the SQL, whose status literals such as 'FILLED' are status names) and messages that
    /// mention a code in a sentence are not.
    /// </remarks>
    [Fact]
    public void No_code_literal_appears_in_src_outside_ReasonCodes()
    {
        var registry = Path.Combine(CorePurityTests.RepositoryRoot(), "src", "Fillmore.Core", "ReasonCodes.cs");
        var offenders = SourceFiles()
            .Where(f => !string.Equals(Path.GetFullPath(f), Path.GetFullPath(registry), StringComparison.Ordinal))
            .SelectMany(f => Parse(f).GetRoot().DescendantTokens()
                .Where(t => t.IsKind(SyntaxKind.StringLiteralToken) && CodeLike.IsMatch(t.ValueText)
                    && !NotCodes.Contains(t.ValueText))
                .Select(t =>
                    $"{Relative(f)}:{t.GetLocation().GetLineSpan().StartLinePosition.Line + 1} \"{t.ValueText}\""))
            .ToList();
        Assert.True(offenders.Count == 0,
            "code literals outside ReasonCodes (use its constants):\n" + string.Join("\n", offenders));
    }

    private static List<string> ReasonCodeValues() =>
        typeof(ReasonCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

    private static IEnumerable<string> TopLevelTypes(SyntaxTree tree)
    {
        static IEnumerable<MemberDeclarationSyntax> Members(SyntaxList<MemberDeclarationSyntax> members) =>
            members.SelectMany(m => m is BaseNamespaceDeclarationSyntax ns ? Members(ns.Members) : [m]);
        return Members(((CompilationUnitSyntax)tree.GetRoot()).Members)
            .Where(m => !m.Modifiers.Any(SyntaxKind.FileKeyword))
            .Select(m => m switch
            {
                TypeDeclarationSyntax t => t.Identifier.Text
                    + (t.TypeParameterList is { } p ? $"<{p.Parameters.Count}>" : ""),
                EnumDeclarationSyntax e => e.Identifier.Text,
                DelegateDeclarationSyntax d => d.Identifier.Text,
                _ => null,
            })
            .OfType<string>();
    }

    private static SyntaxTree Parse(string file) =>
        CSharpSyntaxTree.ParseText(File.ReadAllText(file), new CSharpParseOptions(LanguageVersion.Preview), file);

    private static IEnumerable<string> SourceFiles()
    {
        var src = Path.Combine(CorePurityTests.RepositoryRoot(), "src");
        var files = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(src, f).Split(Path.DirectorySeparatorChar).Any(d => d is "obj" or "bin"))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(files);
        return files;
    }

    private static string Relative(string file) =>
        Path.GetRelativePath(CorePurityTests.RepositoryRoot(), file).Replace(Path.DirectorySeparatorChar, '/');
}
