// Progress of a long transfer: bytes so far and, when the service said, the total.
namespace Fillmore.Client;

public readonly record struct TransferProgress(long Bytes, long? TotalBytes);
