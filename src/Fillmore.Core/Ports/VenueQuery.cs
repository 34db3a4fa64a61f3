// The answer to "do you have order X?". NotFound is proof the venue never received it (or no
// longer has it); Unknown means the question itself failed and proves nothing. An Unknown that
// says MayHaveLost is the venue adapter's warning that the order may have changed without a report
// (the venue restarted, or its session was reset, since it last spoke of the order): the engine
// flags such an order in doubt with the reason, for the trader to see.
namespace Fillmore.Core.Ports;

public abstract record VenueQuery
{
    private VenueQuery() { }

    public sealed record Found(VenueOrderState State) : VenueQuery;
    public sealed record NotFound : VenueQuery;
    public sealed record Unknown(string Reason) : VenueQuery
    {
        /// <summary>The venue may have lost the order without a word (Reason says why); flag it in doubt.</summary>
        public bool MayHaveLost { get; init; }
    }
}
