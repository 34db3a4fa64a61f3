// Marks a test class whose [StoreFact]s need a real PostgreSQL server: without one
// (FILLMORE_TEST_POSTGRES unset) StoreFactDiscoverer reports them skipped, with the reason.
namespace Fillmore.Storage.Tests;

/// <summary>The class's tests need a real PostgreSQL server (see PostgresServer).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresPostgresAttribute : Attribute;
