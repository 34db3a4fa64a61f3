// A venue's fee schedule as the SMART router assumes it (docs/routing.md, "Fees").
namespace Fillmore.Api.Contracts;

using Fillmore.Core.Routing;

public sealed record FeeScheduleResponse(decimal TakerBps, decimal TakerPerShare, decimal MakerRebatePerShare,
    decimal PerOrder)
{
    public static FeeScheduleResponse From(FeeSchedule fees) =>
        new(fees.TakerBps, fees.TakerPerShare, fees.MakerRebatePerShare, fees.PerOrder);
}
