// The body of POST /api/v1/admin/prices (Development): move the in-process paper exchange's price.
namespace Fillmore.Api.Contracts;

public sealed record PriceRequest(string? Symbol, decimal? Price)
{
    /// <summary>Which paper venue (left out: the primary one).</summary>
    public string? Venue { get; init; }
}
