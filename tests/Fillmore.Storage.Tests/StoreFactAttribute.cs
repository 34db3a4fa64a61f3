// [StoreFact] is a [Fact] that knows which class runs it: the abstract contract's tests run in
// every provider's subclass, and a subclass marked [RequiresPostgres] has them reported as
// skipped, with the reason, when no PostgreSQL server is given (FILLMORE_TEST_POSTGRES unset).
// xunit 2 has no dynamic skip, so the discoverer decides per concrete class.
namespace Fillmore.Storage.Tests;

using Xunit.Sdk;

[XunitTestCaseDiscoverer("Fillmore.Storage.Tests.StoreFactDiscoverer", "Fillmore.Storage.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute;
