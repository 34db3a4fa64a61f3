// An order's family: a simple order, a bracket (entry and two exits), OTO (entry and one exit), OCO
// (two exits for a position held). Unknown: a value this client does not know yet.
namespace Fillmore.Client;

public enum OrderClass
{
    Unknown,
    Simple,
    Bracket,
    Oto,
    Oco,
}
