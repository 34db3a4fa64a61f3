// The framer's answer: how far the reader may consume, the message (when Complete), why it was
// refused (when Invalid), and how many bytes of garbage before "8=FIX" were skipped.
namespace Fillmore.Venues.Fix;

using System.Buffers;

public readonly record struct FixFrame(
    FixFrameStatus Status, SequencePosition Consumed, ReadOnlySequence<byte> Message, string? Problem,
        long GarbageSkipped);
