// A code (a rejection's, a status) and how many orders have it.
namespace Fillmore.Client;

public sealed record CodeCount(string Code, long Orders);
