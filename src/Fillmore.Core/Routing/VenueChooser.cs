// The venue check of a new order (docs/routing.md): the venue it names, or the default when it names
// none; SMART asks the router. A name no venue has (UNKNOWN_VENUE), a venue the trader may not use
// (VENUE_NOT_ALLOWED) and SMART with nowhere to go (NO_VENUE_AVAILABLE) are refusals, recorded as
// the order's denial like any risk refusal.
namespace Fillmore.Core.Routing;

using Fillmore.Core.Orders;
using Fillmore.Core.Risk;

public static class VenueChooser
{
    private const int ShownNameLength = 64;

    public static VenueChoice Choose(IVenueBoard board, TraderId trader, string? requested, OrderSpec spec,
        DateTimeOffset now)
    {
        var name = string.IsNullOrWhiteSpace(requested) ? board.DefaultVenue : requested.Trim();
        if (string.Equals(name, SmartRouter.Smart, StringComparison.OrdinalIgnoreCase))
        {
            var decision = SmartRouter.Route(spec, board.Candidates(spec.Symbol, trader), board.Rules, now);
            return new VenueChoice(decision.Venue ?? SmartRouter.Smart, decision, decision.Refusal);
        }
        var known = board.Names.FirstOrDefault(v => string.Equals(v, name, StringComparison.OrdinalIgnoreCase));
        if (known is null)
            return new VenueChoice(Shown(name), null, new RuleViolation("venue", ReasonCodes.UnknownVenue,
                $"There is no venue named '{Shown(name)}' here.", Usable(board, trader)));
        if (!board.MayUse(trader, known))
            return new VenueChoice(known, null, new RuleViolation("venue", ReasonCodes.VenueNotAllowed,
                $"You may not send orders to {known}.", Usable(board, trader)));
        return new VenueChoice(known, null, null);
    }

    // Built only for a refusal: every order names a venue, and most name a good one.
    private static string Usable(IVenueBoard board, TraderId trader) =>
        $"Use one of: {string.Join(", ", board.Names.Where(v => board.MayUse(trader, v)).Append(SmartRouter.Smart))}.";

    // A denied order keeps the name it was sent with, cut to something a person can read.
    private static string Shown(string name)
    {
        var printable = new string(name.Where(c => c is >= ' ' and <= '~').Take(ShownNameLength).ToArray());
        return printable.Length == 0 ? "?" : printable;
    }
}
