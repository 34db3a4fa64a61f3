// When keys were last used, for the listing. Not audited (it is not an action) and written at most
// about once a minute per key; an older time never overwrites a newer one (nodes write it too).
namespace Fillmore.Core.Ports;

/// <summary>Records that each key in <paramref name="LastUsed"/> was used at the time given.</summary>
public sealed record ApiKeyUse(IReadOnlyDictionary<string, DateTimeOffset> LastUsed) : IStoreChange;
