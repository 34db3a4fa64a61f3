// Decides per [FixFact] at discovery: skipped with QuickFix.SkipReason when the acceptors are not
// available (and not required), an ordinary test case otherwise.
namespace Fillmore.Venues.Tests.Fix;

using Xunit.Abstractions;
using Xunit.Sdk;

public sealed class FixFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod,
        IAttributeInfo factAttribute)
    {
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        if (QuickFix.SkipReason is { } reason)
            return [new XunitSkippedDataRowTestCase(diagnosticMessageSink, display, displayOptions, testMethod,
                reason)];
        return [new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod)];
    }
}
