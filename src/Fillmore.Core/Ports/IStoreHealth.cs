// What a store can say about its writes, for health reporting: whether the last one failed, when
// one last committed and how long it took, and since when one has been waiting (a write stuck
// behind a lock or a hung disk). The host judges from these (and writes a StoreProbe when no
// order has been written for a while, so the facts stay fresh on an idle service).
namespace Fillmore.Core.Ports;

public interface IStoreHealth
{
    StoreHealthReport Health { get; }
}
