// Where an order stands at the venue: working, or done in one of four ways.
namespace Fillmore.Core.Ports;

public enum VenueOrderStatus { Working, Filled, Cancelled, Rejected, Expired }
