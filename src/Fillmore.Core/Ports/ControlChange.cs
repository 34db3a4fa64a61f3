// A trading control for the store to set (the global halt): a key and its value, null to clear it.
namespace Fillmore.Core.Ports;

/// <summary>Sets a named trading control, e.g. the global halt.</summary>
public sealed record ControlChange(string Key, string? Value) : IStoreChange;
