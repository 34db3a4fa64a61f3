// Decides per [QuickFixFact] at discovery: skipped with QuickFix.SkipReason when the acceptors are
// not available (and not required), an ordinary test case otherwise.
namespace Fillmore.Api.Tests;

using Fillmore.Venues.Tests.Fix;
using Xunit.Abstractions;
using Xunit.Sdk;

public sealed class QuickFixFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod,
        IAttributeInfo factAttribute)
    {
        var (display, options) = (discoveryOptions.MethodDisplayOrDefault(),
            discoveryOptions.MethodDisplayOptionsOrDefault());
        return QuickFix.SkipReason is { } reason
            ? [new XunitSkippedDataRowTestCase(diagnosticMessageSink, display, options, testMethod, reason)]
            : [new XunitTestCase(diagnosticMessageSink, display, options, testMethod)];
    }
}
