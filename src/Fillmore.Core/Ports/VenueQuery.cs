// The answer to "do you have order X?". NotFound is proof the venue never received it (or no
// longer has it); Unknown means the question itself failed and proves nothing.
namespace Fillmore.Core.Ports;

public abstract record VenueQuery
{
    private VenueQuery() { }

    public sealed record Found(VenueOrderState State) : VenueQuery;
    public sealed record NotFound : VenueQuery;
    public sealed record Unknown(string Reason) : VenueQuery;
}
