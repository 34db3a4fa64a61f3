// Everything a trader's amend (PATCH /api/v1/orders/{id}) can end in. The API maps each case to one answer.
namespace Fillmore.Core.Execution;

using Fillmore.Core.Orders;
using Fillmore.Core.Risk;

public abstract record AmendResult
{
    private AmendResult() { }

    /// <summary>In force at once (a held order): 200.</summary>
    public sealed record Amended(Order Order) : AmendResult;

    /// <summary>Sent to the venue as a replace; the order works on under its old terms until confirmed: 202.</summary>
    public sealed record Pending(Order Order) : AmendResult;

    public sealed record NotFound : AmendResult;

    /// <summary>The order takes no amend now (409 with the code: ORDER_NOT_AMENDABLE, AMEND_NOT_SUPPORTED).</summary>
    public sealed record NotAmendable(Order Order, string Code, string Message) : AmendResult;

    /// <summary>The amend itself makes no sense (400/422 with every field problem).</summary>
    public sealed record Invalid(IReadOnlyList<RuleViolation> Errors) : AmendResult;

    /// <summary>A risk rule refuses the order with its new terms (422); nothing changed.</summary>
    public sealed record Denied(Order Order, IReadOnlyList<RuleViolation> Errors) : AmendResult;
}
