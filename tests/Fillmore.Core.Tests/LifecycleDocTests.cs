// docs/order-lifecycle.md carries a state diagram of the transition table. It is generated from
// OrderTransitions itself, so it cannot drift: this test renders the table and compares it with
// the diagram in the document (on a mismatch, the message holds the block to paste; with
// FILLMORE_WRITE_DOCS=1 the test writes it into the document instead).
namespace Fillmore.Core.Tests;

using System.Text;
using Fillmore.Core.Orders;

public class LifecycleDocTests
{
    private const string Begin = "<!-- generated from OrderTransitions by LifecycleDocTests: do not edit by hand -->";
    private const string End = "<!-- end of generated diagram -->";

    [Fact]
    public void The_documents_diagram_is_the_transition_table()
    {
        var doc = File.ReadAllText(Path.Combine(CorePurityTests.RepositoryRoot(), "docs", "order-lifecycle.md"));
        var start = doc.IndexOf(Begin, StringComparison.Ordinal);
        var end = doc.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"docs/order-lifecycle.md needs the markers {Begin} ... {End}.");
        var documented = doc[(start + Begin.Length)..end].Trim().ReplaceLineEndings("\n");
        var expected = Render();
        if (Environment.GetEnvironmentVariable("FILLMORE_WRITE_DOCS") == "1")
        {
            File.WriteAllText(Path.Combine(CorePurityTests.RepositoryRoot(), "docs", "order-lifecycle.md"),
                doc[..(start + Begin.Length)] + "\n" + expected + "\n" + doc[end..]);
            return;
        }
        Assert.True(documented == expected, $"The diagram in docs/order-lifecycle.md differs from the table. Paste this between the markers:\n{expected}");
    }

    [Fact]
    public void Every_status_but_denied_appears_as_a_source_and_every_status_as_a_target()
    {
        var diagram = Render();
        foreach (var status in Enum.GetValues<OrderStatus>())
            Assert.Contains($"{ApiNames.Of(status)}", diagram, StringComparison.Ordinal);
    }

    /// <summary>Every move the table allows, one line per (from, to, trigger); moves that depend on the order's fills,
    /// or on its being in doubt, say so.</summary>
    public static string Render()
    {
        var text = new StringBuilder("```mermaid\nstateDiagram-v2\n");
        text.Append("    [*] --> PENDING_SUBMIT: accepted and persisted\n");
        text.Append("    [*] --> DENIED: refused by a risk rule\n");
        foreach (var from in Enum.GetValues<OrderStatus>())
            foreach (var trigger in Enum.GetValues<OrderTrigger>())
            {
                var moves = new[] { false, true }
                    .SelectMany(filled => new[] { false, true }.Select(inDoubt => (Filled: filled, InDoubt: inDoubt,
                        Next: OrderTransitions.Next(from, trigger, new OrderFacts(filled, InDoubt: inDoubt)))))
                    .Where(m => m.Next.Kind == TransitionKind.Move)
                    .ToList();
                foreach (var group in moves.GroupBy(m => m.Next.To))
                {
                    var fills = group.Select(m => m.Filled).Distinct().ToList();
                    var doubt = group.Select(m => m.InDoubt).Distinct().ToList();
                    var parts = new[]
                    {
                        fills.Count == 2 ? null : fills[0] ? "with fills" : "without fills",
                        doubt.Count == 2 ? null : doubt[0] ? "in doubt" : "not in doubt",
                    }.OfType<string>().ToList();
                    var condition = parts.Count == 0 ? "" : $" ({string.Join(", ", parts)})";
                    text.Append($"    {ApiNames.Of(from)} --> {ApiNames.Of(group.Key)}: {trigger}{condition}\n");
                }
            }
        return text.Append("```").ToString();
    }
}
