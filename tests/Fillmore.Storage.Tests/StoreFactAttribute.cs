// [StoreFact] is a [Fact] that knows which class runs it: the abstract contract's tests run in
// every provider's subclass, and a subclass marked [RequiresPostgres] has them reported as
// skipped, with the reason, when no PostgreSQL server is given (FILLMORE_TEST_POSTGRES unset).
// xunit 2 has no dynamic skip, so the discoverer decides per concrete class.
namespace Fillmore.Storage.Tests;

using Xunit.Abstractions;
using Xunit.Sdk;

[XunitTestCaseDiscoverer("Fillmore.Storage.Tests.StoreFactDiscoverer", "Fillmore.Storage.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute;

/// <summary>The class's tests need a real PostgreSQL server (see PostgresServer).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresPostgresAttribute : Attribute;

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
