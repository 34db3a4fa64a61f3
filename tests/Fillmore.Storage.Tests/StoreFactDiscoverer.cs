// Discovers a [StoreFact] per concrete test class: an inherited contract test in a class marked
// [RequiresPostgres] becomes a skipped test case (with PostgresServer.SkipReason) when no server
// was given, and an ordinary xunit test case otherwise.
namespace Fillmore.Storage.Tests;

using Xunit.Abstractions;
using Xunit.Sdk;

public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        var needsPostgres = testMethod.TestClass.Class.ToRuntimeType().IsDefined(typeof(RequiresPostgresAttribute), inherit: true);
        if (needsPostgres && PostgresServer.SkipReason is { } reason)
            return [new XunitSkippedDataRowTestCase(diagnosticMessageSink, display, displayOptions, testMethod, reason)];
        return [new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod)];
    }
}
