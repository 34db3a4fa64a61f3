// What a send worker does with the order it picked up (see SendDecider.Pickup).
namespace Fillmore.Core.Execution.Decisions;

public sealed record Pickup(PickupKind Kind, Decision Decision);
