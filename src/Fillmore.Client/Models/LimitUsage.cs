// One risk limit with how much of it is used now (Limit is null on an account without limits).
namespace Fillmore.Client;

public sealed record LimitUsage(string Name, decimal? Limit, decimal? Current, string Unit);
