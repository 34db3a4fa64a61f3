// A page of a list (orders, cancel-all's answer): the items, how many match in all, and where this page is.
namespace Fillmore.Client;

public sealed record Page<T>(IReadOnlyList<T> Data, long Total, int Limit, int Offset)
{
    /// <summary>True when there is a page after this one.</summary>
    public bool HasMore => Offset + Limit < Total;
}
