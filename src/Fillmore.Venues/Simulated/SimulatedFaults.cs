// Faults the paper exchange can inject, each a probability per request or per report, drawn from
// its own seeded random source (so a seed replays the same faults). Configured in
// "Fillmore:SimulatedVenue:Faults" to watch recovery happen, or set at run time (SetFaults).
namespace Fillmore.Venues.Simulated;

public sealed record SimulatedFaults
{
    public static readonly SimulatedFaults None = new();

    public int Seed { get; init; } = 7;

    /// <summary>The request is lost before the venue sees it: Unknown, nothing done.</summary>
    public double DropRequest { get; init; }

    /// <summary>The venue acts, then the answer is lost: Unknown, but the order exists (the duplicate trap).</summary>
    public double DropResponse { get; init; }

    /// <summary>429: refused before processing, retry later.</summary>
    public double Throttle { get; init; }

    /// <summary>5xx after sending: Unknown; the venue processed it half of the time.</summary>
    public double ServerError { get; init; }

    /// <summary>A status query fails (Unknown): it proves nothing.</summary>
    public double QueryFailure { get; init; }

    /// <summary>A report is delivered twice.</summary>
    public double DuplicateReport { get; init; }

    /// <summary>A report is held back and delivered after later ones.</summary>
    public double ReorderReport { get; init; }

    /// <summary>A report is lost on the way (the stream dropped it); reconciliation must find the change.</summary>
    public double DropReport { get; init; }

    /// <summary>A cancel request finds the order trading: part of it fills before the cancel takes effect.</summary>
    public double FillOnCancel { get; init; }

    /// <summary>Extra latency per request, drawn between zero and this.</summary>
    public TimeSpan MaxExtraLatency { get; init; }

    /// <summary>
    /// Answers to new orders leave out the executions they caused, as from a venue whose answer is
    /// only an acknowledgement: what happened comes from the report stream alone, faults and all.
    /// </summary>
    public bool TerseAnswers { get; init; }

    public bool Any =>
        DropRequest + DropResponse + Throttle + ServerError + QueryFailure + DuplicateReport + ReorderReport
        + DropReport + FillOnCancel > 0 || MaxExtraLatency > TimeSpan.Zero || TerseAnswers;
}
