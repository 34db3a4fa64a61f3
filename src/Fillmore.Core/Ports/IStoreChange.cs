// Anything the store's single writer commits: an order change, an account change (admin), or a
// trading control (the global halt).
namespace Fillmore.Core.Ports;

public interface IStoreChange;
