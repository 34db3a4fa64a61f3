// What the event stream tells about its connection: connected (resuming after LastSeq), the replay
// caught up, or dropped (and will reconnect after Detail's reason).
namespace Fillmore.Client;

public sealed record StreamNotice(StreamNoticeKind Kind, long? LastSeq, string? Detail);
