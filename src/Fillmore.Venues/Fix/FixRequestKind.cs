// The requests whose first answer a caller waits for, one at a time per order and kind.
namespace Fillmore.Venues.Fix;

internal enum FixRequestKind { Submit, Cancel, Replace, Status }
