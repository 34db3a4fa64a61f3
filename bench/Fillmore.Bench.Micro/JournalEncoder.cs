// The journal prototype's record of one change (JournalBench): what a journal writer must know and
// do before it may acknowledge the change, done in memory on its thread. Each audit record is
// chained into its partition's SHA-256 chain (AuditChain.ComputePartitionHash, AuditPartitioner,
// as BatchSession does), each event gets its trader's next sequence number and is serialized with
// OrderEventJson (the bytes the stream and the polling endpoint would send, as SqliteBatchSession
// stores them).
// Record framing: payload length (uint32 LE), CRC-32C of the payload (uint32 LE, BitOperations.Crc32C,
// the CPU's CRC instruction), payload. The payload is UTF-8 JSON: an array of the change's order
// changes (the change and its linked ones), each with the order row's values in OrderRow's column
// order (as the SQLite store binds them), its fills, ledger, chained audit entries (SqliteSql's audit
// values: both hashes, partition and sequence) and numbered events (their stored JSON, inlined).
// JSON, not a compact binary form: simplest to read back and inspect; its size is reported.
// Chains start at the all-zero genesis, not at a store's legacy head: the prototype's hashes are
// computed like the real ones but do not have to match the projection's.
namespace Fillmore.Bench.Micro;

using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Fillmore.Core.Accounts;
using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;
using Fillmore.Storage;
using Fillmore.Storage.Sqlite;

internal sealed class JournalEncoder(int partitions)
{
    private readonly AuditHead[] _heads = Enumerable.Range(0, partitions)
        .Select(p => new AuditHead(p, 0, AuditChain.GenesisHash)).ToArray();
    private readonly Dictionary<string, int> _partitionOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _lastSeq = new(StringComparer.Ordinal);
    private readonly ArrayBufferWriter<byte> _payload = new(16 * 1024);
    private readonly Utf8JsonWriter _json = new(Stream.Null);

    /// <summary>Stopwatch ticks spent chaining audit entries and numbering and serializing events: the work the
    /// projection store does again when it applies the same change.</summary>
    public long ChainAndNumberTicks { get; private set; }

    /// <summary>Appends the change's framed record to <paramref name="batch"/>; returns its numbered events.</summary>
    public IReadOnlyList<OrderEvent> Append(IStoreChange change, ArrayBufferWriter<byte> batch)
    {
        _payload.ResetWrittenCount();
        _json.Reset(_payload);
        var events = change switch
        {
            OrderChange order => WriteOrderChange(order),
            AccountChange account => WriteAccountChange(account),
            _ => throw new NotSupportedException($"The journal prototype writes order and account changes, not "
                + change.GetType().Name),
        };
        _json.Flush();
        Frame(_payload.WrittenSpan, batch);
        return events;
    }

    private static void Frame(ReadOnlySpan<byte> payload, ArrayBufferWriter<byte> batch)
    {
        var header = batch.GetSpan(8);
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], Crc32C(payload));
        batch.Advance(8);
        batch.Write(payload);
    }

    private static uint Crc32C(ReadOnlySpan<byte> data)
    {
        var crc = uint.MaxValue;
        var words = MemoryMarshal.Cast<byte, ulong>(data);
        foreach (var word in words) crc = BitOperations.Crc32C(crc, word);
        foreach (var b in data[(words.Length * 8)..]) crc = BitOperations.Crc32C(crc, b);
        return ~crc;
    }

    private OrderEvent[] WriteOrderChange(OrderChange change)
    {
        var all = change.Linked.Count > 0 ? change.All.Select(c => c with { Linked = [] }).ToList() : [change];
        var numbered = new List<OrderEvent>();
        _json.WriteStartArray();
        foreach (var one in all) WriteOneOrder(one, numbered);
        _json.WriteEndArray();
        return [.. numbered];
    }

    private void WriteOneOrder(OrderChange change, List<OrderEvent> numbered)
    {
        _json.WriteStartObject();
        _json.WriteNumber("expected_version", change.ExpectedVersion);
        if (change.AccountGuard is { } guard) _json.WriteNumber("account_guard", guard);
        _json.WriteStartArray("row");
        foreach (var (_, value) in OrderRow.Values(change.Order, m => m is { } v ? SqlText.Of(v) : null))
            WriteValue(value);
        _json.WriteEndArray();
        _json.WriteStartArray("fills");
        foreach (var fill in change.Fills) WriteFill(fill);
        _json.WriteEndArray();
        if (change.Ledger is { } ledger) WriteLedger(ledger);
        WriteAudit(change.Audit);
        WriteEvents(change.Events, numbered);
        _json.WriteEndObject();
    }

    private OrderEvent[] WriteAccountChange(AccountChange change)
    {
        _json.WriteStartObject();
        _json.WritePropertyName("account");
        WriteAccount(change.Account);
        WriteAudit(change.Audit);
        _json.WriteEndObject();
        return [];
    }

    private void WriteFill(Fill f)
    {
        _json.WriteStartArray();
        _json.WriteStringValue(f.Id.ToString("D"));
        _json.WriteStringValue(f.OrderId.ToString());
        _json.WriteStringValue(f.TraderId.Value);
        _json.WriteStringValue(f.ExecutionId);
        _json.WriteNumberValue(f.Quantity);
        _json.WriteStringValue(SqlText.Of(f.Price));
        _json.WriteStringValue(f.Venue);
        _json.WriteStringValue(SqlText.Of(f.Commission));
        _json.WriteStringValue(SqlText.Of(f.Timestamp));
        _json.WriteEndArray();
    }

    private void WriteLedger(LedgerUpdate ledger)
    {
        _json.WritePropertyName("account");
        WriteAccount(ledger.Account);
        if (ledger.Position is { } p)
        {
            _json.WriteStartArray("position");
            _json.WriteStringValue(p.Symbol.Value);
            _json.WriteNumberValue(p.Quantity);
            _json.WriteStringValue(SqlText.Of(p.AverageCost));
            _json.WriteEndArray();
        }
        _json.WriteString("trading_day", ledger.TradingDay.ToString("yyyy-MM-dd",
            System.Globalization.CultureInfo.InvariantCulture));
        _json.WriteString("realised_delta", SqlText.Of(ledger.RealisedDelta));
    }

    // The account columns the SQLite store writes (SqliteSql.BindAccount), limits and all.
    private void WriteAccount(Account a)
    {
        _json.WriteStartArray();
        _json.WriteStringValue(a.TraderId.Value);
        _json.WriteStringValue(SqlText.Of(a.Cash));
        _json.WriteNumberValue(a.Version);
        WriteValue(a.Limits?.MaxPositionShares);
        WriteValue(a.Limits?.MaxPositionNotional is { } pn ? SqlText.Of(pn) : null);
        WriteValue(a.Limits?.MaxOrderNotional is { } on ? SqlText.Of(on) : null);
        WriteValue(a.Limits?.MaxOpenOrders);
        WriteValue(a.Limits?.DailyLossLimit is { } dl ? SqlText.Of(dl) : null);
        _json.WriteBooleanValue(a.Limits?.ShortSellingEnabled == true);
        _json.WriteBooleanValue(a.TradingHalted);
        WriteValue(a.DefaultMaxSlippageBps is { } bps ? SqlText.Of(bps) : null);
        _json.WriteEndArray();
    }

    private void WriteAudit(IReadOnlyList<AuditRecord> records)
    {
        _json.WriteStartArray("audit");
        foreach (var record in records)
        {
            var values = SqliteSql.AuditValues(Chain(record));
            _json.WriteStartArray();
            for (var i = 1; i < values.Length; i++) WriteValue(values[i]);    // [0] is the row id: the store's to give
            _json.WriteEndArray();
        }
        _json.WriteEndArray();
    }

    private AuditEntry Chain(AuditRecord record)
    {
        var started = Stopwatch.GetTimestamp();
        var trader = record.TraderId.Value;
        if (!_partitionOf.TryGetValue(trader, out var partition))
            _partitionOf[trader] = partition = AuditPartitioner.Of(trader, _heads.Length);
        var head = _heads[partition];
        var seq = head.Seq + 1;
        var hash = AuditChain.ComputePartitionHash(partition, seq, record, head.Hash);
        _heads[partition] = new AuditHead(partition, seq, hash);
        ChainAndNumberTicks += Stopwatch.GetTimestamp() - started;
        return new AuditEntry(0, record, head.Hash, hash, partition, seq);
    }

    private void WriteEvents(IReadOnlyList<OrderEvent> events, List<OrderEvent> numbered)
    {
        _json.WriteStartArray("events");
        foreach (var e in events)
        {
            var started = Stopwatch.GetTimestamp();
            var trader = e.TraderId.Value;
            var seq = _lastSeq.GetValueOrDefault(trader) + 1;
            _lastSeq[trader] = seq;
            var one = e with { Seq = seq };
            var bytes = OrderEventJson.Serialize(one);
            ChainAndNumberTicks += Stopwatch.GetTimestamp() - started;
            _json.WriteRawValue(bytes, skipInputValidation: true);
            numbered.Add(one);
        }
        _json.WriteEndArray();
    }

    private void WriteValue(object? value)
    {
        switch (value)
        {
            case null: _json.WriteNullValue(); break;
            case string s: _json.WriteStringValue(s); break;
            case long l: _json.WriteNumberValue(l); break;
            case int i: _json.WriteNumberValue(i); break;
            case bool b: _json.WriteBooleanValue(b); break;
            case decimal d: _json.WriteNumberValue(d); break;
            default: _json.WriteStringValue(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
        }
    }
}
