// [QuickFixFact]: a test of the whole service against a real QuickFIX acceptor. Skipped with the
// reason when the acceptors are not available, except under FILLMORE_REQUIRE_SERVERS=1 (CI),
// where it runs and fails (as the FIX venue tests' [FixFact] does).
namespace Fillmore.Api.Tests;

using Fillmore.Venues.Tests.Fix;
using Xunit.Abstractions;
using Xunit.Sdk;

[XunitTestCaseDiscoverer("Fillmore.Api.Tests.QuickFixFactDiscoverer", "Fillmore.Api.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class QuickFixFactAttribute : FactAttribute;

public sealed class QuickFixFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod,
        IAttributeInfo factAttribute)
    {
        var (display, options) = (discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault());
        return QuickFix.SkipReason is { } reason
            ? [new XunitSkippedDataRowTestCase(diagnosticMessageSink, display, options, testMethod, reason)]
            : [new XunitTestCase(diagnosticMessageSink, display, options, testMethod)];
    }
}
