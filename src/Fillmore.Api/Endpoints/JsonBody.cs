// Reads a request's JSON body into its contract type for every route that takes one, and turns
// everything wrong with it into one problem document: a body that is not JSON (MALFORMED_JSON),
// no body (BODY_REQUIRED), a value of the wrong type (FIELD_TYPE_INVALID), and, all of them at
// once, the fields the contract does not have (UNKNOWN_FIELD, with the closest known name), fields
// sent twice (DUPLICATE_FIELD) and numbers sent as strings (NUMBER_AS_STRING). A field is never
// silently ignored and never "last one wins": an instruction Fillmore would not carry out is
// refused, not accepted. The serializer refuses them too (FillmoreJsonContext); the walk over the
// body here finds all of them, with their dotted paths, instead of the first one the serializer
// trips on. A body over RequestLimits.MaxBodyBytes is 413 BODY_TOO_LARGE, read no further.
namespace Fillmore.Api.Endpoints;

using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Fillmore.Api.Errors;
using Fillmore.Core;
using Fillmore.Core.Risk;

internal static class JsonBody
{
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        // As the serializer reads it (FillmoreJsonContext): comments and trailing commas are tolerated.
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The body as <typeparamref name="T"/> and the names of the top-level fields it sent (a field sent as
    /// null included), or the problem that answers it.</summary>
    /// <param name="example">A valid body, shown when there is none.</param>
    public static async Task<(T? Value, IReadOnlySet<string> Sent, IResult? Problem)> ReadAsync<T>(
        HttpContext http, JsonTypeInfo<T> type, string example, CancellationToken ct) where T : class
    {
        var none = new HashSet<string>();
        if (!string.IsNullOrEmpty(http.Request.ContentType) && !http.Request.HasJsonContentType())
            return (null, none, Problems.Result(StatusProblems.For(415)));
        byte[] bytes;
        try
        {
            bytes = await ReadBoundedAsync(http.Request.Body, ct);
        }
        catch (BadHttpRequestException bad)
        {
            return (null, none, Problems.Result(StatusProblems.For(bad.StatusCode)));
        }
        if (bytes.Length > Hosting.RequestLimits.MaxBodyBytes)
            return (null, none, Problems.Result(Hosting.RequestLimits.BodyTooLarge()));
        var (shape, sent, problems) = Inspect(bytes, type);
        if (shape == Shape.Malformed) return (null, none, Malformed());
        if (shape == Shape.NotAnObject) return (null, none, NotAnObject(example));
        if (shape == Shape.Null) return (null, none, Missing(example));
        try
        {
            var value = JsonSerializer.Deserialize(bytes, type);
            return problems.Count > 0 ? (null, none, Problems.Unusable(problems))
                : value is null ? (null, none, Missing(example)) : (value, sent, null);
        }
        catch (JsonException ex)
        {
            // The serializer stops at the first thing it cannot read: a value of the wrong type is added to the
            // unknown and repeated fields found, unless it is one of them.
            var field = ex.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal)
                ? path[2..] : null;
            if (field is not null && problems.All(p => p.Field != field)) problems.Add(WrongType(type, field));
            return (null, none, problems.Count > 0 ? Problems.Unusable(problems) : Malformed());
        }
    }

    // At most one byte more than the limit: a chunked body without Content-Length is cut there, not buffered whole.
    private static async Task<byte[]> ReadBoundedAsync(Stream body, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while (buffer.Length <= Hosting.RequestLimits.MaxBodyBytes
               && (read = await body.ReadAsync(chunk, ct)) > 0)
            buffer.Write(chunk, 0, read);
        return buffer.ToArray();
    }

    private enum Shape { Object, Null, NotAnObject, Malformed }

    private static (Shape, HashSet<string>, List<RuleViolation>) Inspect(byte[] bytes, JsonTypeInfo type)
    {
        var sent = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<RuleViolation>();
        var reader = new Utf8JsonReader(bytes, ReaderOptions);
        try
        {
            if (!reader.Read()) return (Shape.Malformed, sent, problems);
            if (reader.TokenType == JsonTokenType.Null)
                return (reader.Read() ? Shape.Malformed : Shape.Null, sent, problems);
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                return (reader.Read() ? Shape.Malformed : Shape.NotAnObject, sent, problems);
            }
            InspectObject(ref reader, type, "", sent, problems);
            // Anything after the object (a second object, stray text) makes the body unreadable.
            return (reader.Read() ? Shape.Malformed : Shape.Object, sent, problems);
        }
        catch (JsonException)
        {
            return (Shape.Malformed, sent, problems);
        }
    }

    // Reads one object (the reader on its StartObject) to its EndObject; descends into known fields
    // whose contract is an object (limits.max_open_orders), skips every other value.
    private static void InspectObject(ref Utf8JsonReader reader, JsonTypeInfo type, string prefix,
        HashSet<string>? sent, List<RuleViolation> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            var path = prefix + name;
            sent?.Add(name);
            var property = type.Properties.FirstOrDefault(p => p.Name == name);
            if (!seen.Add(name)) problems.Add(Duplicate(path));
            else if (property is null) problems.Add(Unknown(path, name, type));
            else if (reader.TokenType == JsonTokenType.String && IsNumber(property)
                     && ReadsAsNumber(reader.GetString()))
                problems.Add(NumberAsString(path, reader.GetString()!));
            if (property is not null && reader.TokenType == JsonTokenType.StartObject
                && NestedObject(type, property) is { } nested)
                InspectObject(ref reader, nested, path + ".", null, problems);
            else reader.Skip();
        }
    }

    private static JsonTypeInfo? NestedObject(JsonTypeInfo parent, JsonPropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return parent.Options.TryGetTypeInfo(type, out var info) && info.Kind == JsonTypeInfoKind.Object ? info : null;
    }

    private static RuleViolation Unknown(string path, string name, JsonTypeInfo type)
    {
        var known = type.Properties.Select(p => p.Name).ToList();
        var closest = FieldNames.Closest(name, known);
        var shown = FieldNames.Shown(path);
        return new(shown, ReasonCodes.UnknownField, $"The field '{shown}' is not one this request takes.",
            closest is not null
                ? $"Did you mean '{closest}'? Rename '{FieldNames.Shown(name)}' to '{closest}'."
                : $"Remove '{FieldNames.Shown(name)}'. The accepted fields are {string.Join(", ", known)}.",
            closest is null ? null : new Dictionary<string, object?> { ["closest"] = closest });
    }

    private static bool IsNumber(JsonPropertyInfo property) =>
        (Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType) is var t
        && (t == typeof(decimal) || t == typeof(int) || t == typeof(long) || t == typeof(double));

    // A string that is a number in quotes ("10", "185.00"); any other string is a value of the wrong type.
    private static bool ReadsAsNumber(string? text) => decimal.TryParse(text, System.Globalization.NumberStyles.Float,
        System.Globalization.CultureInfo.InvariantCulture, out _);

    // "10" where the API says number: refused by name, not read as 10, so a proxy or a risk front-end that reads
    // the body as typed JSON sees the same order Fillmore does.
    private static RuleViolation NumberAsString(string path, string text)
    {
        var shown = FieldNames.Shown(path);
        return new(shown, ReasonCodes.NumberAsString,
            $"The field '{shown}' is a string (\"{FieldNames.Shown(text)}\"); it must be a JSON number.",
            $"Send '{shown}' without quotes, e.g. \"{shown}\": 10.");
    }

    private static RuleViolation Duplicate(string path)
    {
        var shown = FieldNames.Shown(path);
        return new(shown, ReasonCodes.DuplicateField, $"The field '{shown}' is sent more than once.",
            $"Send '{shown}' once, with the value you mean: Fillmore does not pick one of them for you.");
    }

    private static RuleViolation WrongType(JsonTypeInfo type, string field) =>
        new(field, ReasonCodes.FieldTypeInvalid, $"The field '{field}' has a value of the wrong type.",
            $"Send '{field}' as {ExpectedType(type, field)}.");

    // What the contract type says the field holds, found by walking the dotted path through its metadata.
    private static string ExpectedType(JsonTypeInfo type, string field)
    {
        JsonPropertyInfo? property = null;
        foreach (var name in field.Split('.'))
        {
            property = type.Properties.FirstOrDefault(p => p.Name == name);
            if (property is null) return "the type the API reference gives";
            if (NestedObject(type, property) is { } nested) type = nested;
        }
        var clr = Nullable.GetUnderlyingType(property!.PropertyType) ?? property.PropertyType;
        return clr == typeof(int) || clr == typeof(long) || field == "quantity" ? "a whole number, e.g. 10"
            : clr == typeof(decimal) ? "a number, e.g. 189.50"
            : clr == typeof(bool) ? "true or false"
            : clr == typeof(string) ? "a string"
            : "a JSON object";
    }

    private static IResult Malformed() => Problems.Single(400, ReasonCodes.MalformedJson,
        "The body is not valid JSON", "The request body could not be read as a JSON object.",
        "Check the JSON syntax: quotes around strings, commas between fields, no trailing text.");

    private static IResult NotAnObject(string example) => Problems.Single(400, ReasonCodes.MalformedJson,
        "The body is not a JSON object", "The request body is JSON, but not an object.",
        $"Send one JSON object, e.g. {example}.");

    private static IResult Missing(string example) => Problems.Single(400, ReasonCodes.BodyRequired,
        "No JSON object in the request", "The request has no JSON body.", $"Send a JSON object, e.g. {example}.");
}
