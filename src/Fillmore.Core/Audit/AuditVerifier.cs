// Verifies the audit chain (docs/audit.md) from entries fed in id order, one at a time, so a
// caller can stream a table of any size through it in pages. Pure: no I/O, no clock.
//
// An intact entry n has id n, prev_hash equal to the hash of entry n-1 (64 zeros for entry 1), and
// hash equal to AuditChain.ComputeHash over its own fields. At the first entry that is not intact
// the verifier names the problem, using the fact that an untouched entry still hashes under the id
// it was written with:
//   - an id gap                                              -> REMOVED
//   - the entry hashes under an earlier id (pushed down)     -> INSERTED (the entries before it are forged)
//   - the entry hashes under no nearby id, and the original
//     of this position turns up later                        -> INSERTED, or REORDERED if this entry is
//                                                                that later position's original
//   - the entry hashes under a later id                      -> REORDERED if the original of this position
//                                                                turns up later, else REMOVED (renumbered)
//   - the entry hashes under no nearby id, nothing turns up  -> CHANGED
// "Turns up later" needs the rest of the chain: after a break the verifier keeps reading (holding
// one entry, not the table) until it finds the displaced original or the input ends (Finish).
namespace Fillmore.Core.Audit;

public sealed class AuditVerifier
{
    // How far from its position an untouched entry is looked for when ids were shifted.
    private const int Reach = 64;

    private readonly Queue<(long Id, string Hash)> _recent = new();
    private long _count;
    private long _lastId;
    private string _lastHash = AuditChain.GenesisHash;
    private Suspect? _suspect;
    private AuditVerification? _verdict;

    // The first entry that did not verify, waiting for the rest of the chain to say why.
    private sealed record Suspect(AuditRow Row, long? WrittenAs);

    /// <summary>The verdict as soon as it is known; null while everything read so far is intact.</summary>
    public AuditVerification? Verdict => _verdict;

    /// <summary>Verifies a whole chain held in memory (tests, small tables).</summary>
    public static AuditVerification Verify(IEnumerable<AuditEntry> entries)
    {
        var verifier = new AuditVerifier();
        foreach (var entry in entries)
            if (!verifier.Add(entry)) break;
        return verifier.Finish();
    }

    public bool Add(AuditEntry entry) => Add(AuditRow.Of(entry));

    /// <summary>Feeds the next row in id order. Returns false once the verdict is known: stop reading.</summary>
    public bool Add(AuditRow row)
    {
        if (_verdict is not null) return false;
        if (_suspect is not null) Resolve(_suspect, row);
        else Check(row);
        return _verdict is null;
    }

    /// <summary>Call at the end of the input: the verdict over everything fed.</summary>
    public AuditVerification Finish() =>
        _verdict ??= _suspect is { } s ? Unresolved(s) : AuditVerification.Intact(_count, _lastId, _lastHash);

    private void Check(AuditRow row)
    {
        var expected = _lastId + 1;
        if (row.Id < expected)
        {
            Decide(row.Id, AuditProblem.Reordered,
                $"Entry {row.Id} comes after entry {_lastId}: the ids are out of order.");
            return;
        }
        if (row.Id > expected)
        {
            Decide(expected, AuditProblem.Removed,
                Missing(expected, row.Id - 1) + $": entry {row.Id} follows entry {_lastId}.");
            return;
        }
        if (row.Entry is not { } entry) { _suspect = new Suspect(row, null); return; }
        var intact = Hashes(entry, row.Id);
        if (intact && entry.PreviousHash == _lastHash) { Accept(entry); return; }
        if (intact) { BrokenLink(entry); return; }
        var writtenAs = WrittenAs(entry);
        if (writtenAs < row.Id)
        {
            Decide(writtenAs.Value, AuditProblem.Inserted, $"Entry {row.Id} is the entry written as {writtenAs}: "
                + $"{Entries(writtenAs.Value, row.Id - 1)} before it {Were(writtenAs.Value, row.Id - 1)} inserted, "
                + "not written by Fillmore.");
            return;
        }
        _suspect = new Suspect(row, writtenAs);
    }

    private void Accept(AuditEntry entry)
    {
        (_lastId, _lastHash) = (entry.Id, entry.Hash);
        _count++;
        _recent.Enqueue((entry.Id, entry.Hash));
        if (_recent.Count > Reach + 1) _recent.Dequeue();
    }

    // The entry is consistent in itself but does not link to the entry before it.
    private void BrokenLink(AuditEntry entry)
    {
        foreach (var (id, hash) in _recent)
        {
            if (hash != entry.PreviousHash || id >= _lastId) continue;
            Decide(id + 1, AuditProblem.Inserted, $"Entry {entry.Id} links to entry {id}: "
                + $"{Entries(id + 1, _lastId)} between them {Were(id + 1, _lastId)} not written by Fillmore.");
            return;
        }
        Decide(entry.Id, AuditProblem.Changed,
            $"Entry {entry.Id} does not link to entry {_lastId} (its prev_hash is {Short(entry.PreviousHash)}, "
            + $"entry {_lastId}'s hash is {Short(_lastHash)}): one of them was rewritten and its hash recomputed.");
    }

    // Looking for the original of the suspect's position further down the chain.
    private void Resolve(Suspect suspect, AuditRow row)
    {
        var position = suspect.Row.Id;
        if (row.Entry is not { } entry || entry.PreviousHash != _lastHash || !Hashes(entry, position)) return;
        var swapped = suspect.WrittenAs == row.Id || (suspect.Row.Entry is { } moved && Hashes(moved, row.Id));
        if (suspect.WrittenAs is not null || swapped)
            Decide(position, AuditProblem.Reordered,
                $"Entry {position} holds the entry written as {suspect.WrittenAs ?? row.Id}, "
                + $"and entry {row.Id} holds the original entry {position}: entries were moved.");
        else
            Decide(position, AuditProblem.Inserted, $"Entry {row.Id} is the original entry {position}: "
                + $"{Entries(position, row.Id - 1)} before it {Were(position, row.Id - 1)} not written by Fillmore.");
    }

    // The input ended without the original of the suspect's position turning up.
    private AuditVerification Unresolved(Suspect suspect)
    {
        var id = suspect.Row.Id;
        if (suspect.WrittenAs is { } writtenAs)
            return Broken(id, AuditProblem.Removed, $"Entry {id} is the entry written as {writtenAs}: "
                + $"{Missing(id, writtenAs - 1).ToLowerInvariant()} and the later entries were "
                + "renumbered to close the gap.");
        return Broken(id, AuditProblem.Changed, suspect.Row.Damage is { } damage
            ? $"Entry {id} cannot be read back as Fillmore wrote it ({damage}): it was edited."
            : $"Entry {id} does not match its hash: a field, "
                + "its prev_hash or its hash was changed after it was written.");
    }

    private void Decide(long firstBrokenId, AuditProblem problem, string detail) =>
        _verdict = Broken(firstBrokenId, problem, detail);

    // Entries accepted before the break was noticed can turn out to be forged (INSERTED): the
    // intact prefix then ends before the first broken id.
    private AuditVerification Broken(long firstBrokenId, AuditProblem problem, string detail)
    {
        var intactThrough = Math.Min(_lastId, firstBrokenId - 1);
        var hash = intactThrough == _lastId ? _lastHash
            : intactThrough == 0 ? AuditChain.GenesisHash
            : _recent.First(r => r.Id == intactThrough).Hash;
        return AuditVerification.Broken(_count - (_lastId - intactThrough), intactThrough, hash, firstBrokenId, problem,
            detail);
    }

    // The id this entry was written with, when it is near its position: ids shift when rows are
    // inserted or removed and the rest renumbered. Null: it hashes under no nearby id (edited).
    private static long? WrittenAs(AuditEntry entry)
    {
        for (var distance = 1; distance <= Reach; distance++)
        {
            if (entry.Id - distance >= 1 && Hashes(entry, entry.Id - distance)) return entry.Id - distance;
            if (Hashes(entry, entry.Id + distance)) return entry.Id + distance;
        }
        return null;
    }

    private static bool Hashes(AuditEntry entry, long asId) =>
        string.Equals(AuditChain.ComputeHash(asId, entry.Record, entry.PreviousHash), entry.Hash,
            StringComparison.Ordinal);

    private static string Missing(long from, long to) =>
        from == to ? $"Entry {from} is missing" : $"Entries {from} to {to} are missing";
    private static string Entries(long from, long to) => from == to ? $"entry {from}" : $"entries {from} to {to}";
    private static string Were(long from, long to) => from == to ? "was" : "were";
    private static string Short(string hash) => hash.Length > 12 ? hash[..12] + "…" : hash;
}
