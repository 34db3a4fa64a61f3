// Checkpoints kept outside the database, as `fillmore audit verify --db FILE --checkpoint FILE` reads
// them: a saved GET /api/v1/audit/checkpoints page ({"data": [...]}), one checkpoint, or an array
// of them, version 1 or 2 (a checkpoint without "version" is version 1); and the key to trust: a PEM
// public key or the saved GET /api/v1/audit/checkpoints/key answer. The same files verify-audit
// reads (docs/audit.md, "Checkpoints").
namespace Fillmore.Cli;

using System.Security.Cryptography;
using System.Text.Json;
using Fillmore.Core.Audit;

public static class CheckpointFile
{
    /// <exception cref="JsonException">Not checkpoints.</exception>
    public static List<AuditCheckpoint> Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var items = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList()
            : root.TryGetProperty("data", out var data) ? data.EnumerateArray().ToList() : [root];
        return items.Count > 0 ? items.Select(Checkpoint).ToList()
            : throw new JsonException($"{path} holds no checkpoint.");
    }

    /// <summary>The key id of a PEM public key, or of a saved /checkpoints/key answer.</summary>
    public static string KeyId(string path)
    {
        var text = File.ReadAllText(path);
        if (text.TrimStart().StartsWith('{'))
            return JsonDocument.Parse(text).RootElement.GetProperty("key_id").GetString()
                ?? throw new JsonException($"{path} holds no key.");
        using var key = ECDsa.Create();
        key.ImportFromPem(text);
        return AuditCheckpointSigner.KeyIdOf(Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()));
    }

    private static AuditCheckpoint Checkpoint(JsonElement c)
    {
        string Text(string name) => c.GetProperty(name).GetString() ?? throw new JsonException($"{name} is null.");
        long? Number(string name) =>
            c.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : null;
        var heads = c.TryGetProperty("heads", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(h => new AuditHead(h.GetProperty("partition").GetInt32(),
                h.GetProperty("seq").GetInt64(), h.GetProperty("hash").GetString() ?? "")).ToList()
            : [];
        return new AuditCheckpoint(Number("seq") ?? 0, c.GetProperty("created_at").GetDateTimeOffset(),
            Number("head_id") ?? throw new JsonException("head_id is missing."), Text("head_hash"), Text("key_id"),
            Text("public_key"), Text("signature"))
        {
            Version = (int)(Number("version") ?? AuditCheckpoint.SingleChain), Partitions = (int)(Number("partitions") ?? 0),
            LegacyHeadId = Number("legacy_head_id") ?? 0,
            LegacyHeadHash = c.TryGetProperty("legacy_head_hash", out var legacy) ? legacy.GetString() : null,
            Heads = heads,
        };
    }
}
