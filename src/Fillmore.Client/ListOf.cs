// The API's {"data": [...]} wrapper of lists that have no paging.
namespace Fillmore.Client;

internal sealed record ListOf<T>(IReadOnlyList<T> Data);
