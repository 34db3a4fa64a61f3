// What the framer found at the start of the bytes received so far.
namespace Fillmore.Venues.Fix;

public enum FixFrameStatus
{
    /// <summary>One whole message whose BodyLength and CheckSum are right.</summary>
    Complete,
    /// <summary>More bytes are needed (garbage before them may have been consumed).</summary>
    Incomplete,
    /// <summary>Something that started like a message but is not one: skip it (a FIX peer drops it silently).</summary>
    Invalid,
}
