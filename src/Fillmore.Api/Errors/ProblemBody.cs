// RFC 9457 problem details with Fillmore's extensions: a stable `code` and an `errors` list in
// which every entry names its field, code, message, suggestion and details (API.md "Errors"), and
// `order_id` when the refusal concerns an order the client may not know the id of yet (a submit
// stored as DENIED, a client order id that belongs to another order).
namespace Fillmore.Api.Errors;

using System.Text.Json.Serialization;

public sealed record ProblemBody(string Type, string Title, int Status, string Code, string Detail,
    IReadOnlyList<ProblemError> Errors)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? OrderId { get; init; }
}
