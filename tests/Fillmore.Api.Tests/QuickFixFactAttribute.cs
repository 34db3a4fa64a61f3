// [QuickFixFact]: a test of the whole service against a real QuickFIX acceptor. Skipped with the
// reason when the acceptors are not available, except under FILLMORE_REQUIRE_SERVERS=1 (CI),
// where it runs and fails (as the FIX venue tests' [FixFact] does).
namespace Fillmore.Api.Tests;

using Xunit.Sdk;

[XunitTestCaseDiscoverer("Fillmore.Api.Tests.QuickFixFactDiscoverer", "Fillmore.Api.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class QuickFixFactAttribute : FactAttribute;
