// [FixFact]: a test against a real QuickFIX acceptor. Reported skipped (with the reason) when the
// acceptors are not available here, except under FILLMORE_REQUIRE_SERVERS=1, where it runs and
// fails: CI must never pass because the peer was missing.
namespace Fillmore.Venues.Tests.Fix;

using Xunit.Sdk;

[XunitTestCaseDiscoverer("Fillmore.Venues.Tests.Fix.FixFactDiscoverer", "Fillmore.Venues.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class FixFactAttribute : FactAttribute;
