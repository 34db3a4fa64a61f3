// Verifies ONE hash chain (the legacy segment, or one partition) from rows fed in position order:
// a legacy row's position is its id, a partition row's its partition_seq (the caller, AuditVerifier,
// gives each row its position as AuditRow.Id). Pure: no I/O, no clock.
//
// An intact entry at position n has prev_hash equal to the hash of entry n-1 (the chain's genesis
// for entry 1), and the hash its own fields give at position n. At the first entry that is not
// intact the verifier names the problem, using the fact that an untouched entry still hashes under
// the position it was written at:
//   - a position gap                                         -> REMOVED
//   - the entry hashes under an earlier position (pushed down) -> INSERTED (the entries before it are forged)
//   - the entry hashes under no nearby position, and the original
//     of this position turns up later                        -> INSERTED, or REORDERED if this entry is
//                                                                that later position's original
//   - the entry hashes under a later position                -> REORDERED if the original of this position
//                                                                turns up later, else REMOVED (renumbered)
//   - the entry hashes under no nearby position, nothing turns up -> CHANGED
// "Turns up later" needs the rest of the chain: after a break the verifier keeps reading (holding
// one entry, not the table) until it finds the displaced original or the input ends (Finish).
namespace Fillmore.Core.Audit;

internal sealed class AuditChainVerifier(string genesis, Func<AuditEntry, long, bool> hashesAt, string label,
    Action<long, AuditRow>? accepted = null)
{
    // How far from its position an untouched entry is looked for when positions were shifted.
    private const int Reach = 64;

    private readonly Queue<(long Position, string Hash)> _recent = new();
    private long _count;
    private long _lastPosition;
    private readonly string _genesis = genesis;
    private string _lastHash = genesis;
    private Suspect? _suspect;
    private AuditVerification? _verdict;

    // The first entry that did not verify, waiting for the rest of the chain to say why.
    private sealed record Suspect(AuditRow Row, long? WrittenAs);

    public AuditVerification? Verdict => _verdict;
    public bool HasSuspect => _suspect is not null && _verdict is null;
    public long Count => _count;
    public long LastPosition => _lastPosition;
    public string LastHash => _lastHash;
    public string Genesis => _genesis;

    /// <summary>Feeds the next row in position order. Returns false once the verdict is known.</summary>
    public bool Add(AuditRow row)
    {
        if (_verdict is not null) return false;
        if (_suspect is not null) Resolve(_suspect, row);
        else Check(row);
        return _verdict is null;
    }

    /// <summary>Call at the end of the input: the verdict over everything fed.</summary>
    public AuditVerification Finish() =>
        _verdict ??= _suspect is { } s ? Unresolved(s) : AuditVerification.Intact(_count, _lastPosition, _lastHash);

    private void Check(AuditRow row)
    {
        var expected = _lastPosition + 1;
        if (row.Id < expected)
        {
            Decide(row.Id, AuditProblem.Reordered,
                $"Entry {row.Id} comes after entry {_lastPosition}: the entries are out of order.");
            return;
        }
        if (row.Id > expected)
        {
            Decide(expected, AuditProblem.Removed,
                Missing(expected, row.Id - 1) + $": entry {row.Id} follows entry {_lastPosition}.");
            return;
        }
        if (row.Entry is not { } entry) { _suspect = new Suspect(row, null); return; }
        var intact = hashesAt(entry, row.Id);
        if (intact && entry.PreviousHash == _lastHash) { Accept(row, entry); return; }
        if (intact) { BrokenLink(row.Id, entry); return; }
        var writtenAs = WrittenAs(entry, row.Id);
        if (writtenAs < row.Id)
        {
            Decide(writtenAs.Value, AuditProblem.Inserted, $"Entry {row.Id} is the entry written as {writtenAs}: "
                + $"{Entries(writtenAs.Value, row.Id - 1)} before it {Were(writtenAs.Value, row.Id - 1)} inserted, "
                + "not written by Fillmore.");
            return;
        }
        _suspect = new Suspect(row, writtenAs);
    }

    private void Accept(AuditRow row, AuditEntry entry)
    {
        (_lastPosition, _lastHash) = (row.Id, entry.Hash);
        _count++;
        _recent.Enqueue((row.Id, entry.Hash));
        if (_recent.Count > Reach + 1) _recent.Dequeue();
        accepted?.Invoke(row.Id, row);
    }

    // The entry is consistent in itself but does not link to the entry before it.
    private void BrokenLink(long position, AuditEntry entry)
    {
        foreach (var (at, hash) in _recent)
        {
            if (hash != entry.PreviousHash || at >= _lastPosition) continue;
            Decide(at + 1, AuditProblem.Inserted, $"Entry {position} links to entry {at}: "
                + $"{Entries(at + 1, _lastPosition)} between them {Were(at + 1, _lastPosition)} not written by "
                + "Fillmore.");
            return;
        }
        Decide(position, AuditProblem.Changed,
            $"Entry {position} does not link to entry {_lastPosition} (its prev_hash is {Short(entry.PreviousHash)}, "
            + $"entry {_lastPosition}'s hash is {Short(_lastHash)}): one of them was rewritten and its hash "
            + "recomputed.");
    }

    // Looking for the original of the suspect's position further down the chain.
    private void Resolve(Suspect suspect, AuditRow row)
    {
        var position = suspect.Row.Id;
        if (row.Entry is not { } entry || entry.PreviousHash != _lastHash || !hashesAt(entry, position)) return;
        var swapped = suspect.WrittenAs == row.Id || (suspect.Row.Entry is { } moved && hashesAt(moved, row.Id));
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

    private void Decide(long firstBroken, AuditProblem problem, string detail) =>
        _verdict = Broken(firstBroken, problem, detail);

    // Entries accepted before the break was noticed can turn out to be forged (INSERTED): the
    // intact prefix then ends before the first broken position.
    private AuditVerification Broken(long firstBroken, AuditProblem problem, string detail)
    {
        var intactThrough = Math.Min(_lastPosition, firstBroken - 1);
        var hash = intactThrough == _lastPosition ? _lastHash
            : intactThrough == 0 ? _genesis
            : _recent.First(r => r.Position == intactThrough).Hash;
        return AuditVerification.Broken(_count - (_lastPosition - intactThrough), intactThrough, hash, firstBroken,
            problem, label + detail);
    }

    // The position this entry was written at, when it is near where it sits: positions shift when
    // rows are inserted or removed and the rest renumbered. Null: it hashes nowhere nearby (edited).
    private long? WrittenAs(AuditEntry entry, long position)
    {
        for (var distance = 1; distance <= Reach; distance++)
        {
            if (position - distance >= 1 && hashesAt(entry, position - distance)) return position - distance;
            if (hashesAt(entry, position + distance)) return position + distance;
        }
        return null;
    }

    private static string Missing(long from, long to) =>
        from == to ? $"Entry {from} is missing" : $"Entries {from} to {to} are missing";
    private static string Entries(long from, long to) => from == to ? $"entry {from}" : $"entries {from} to {to}";
    private static string Were(long from, long to) => from == to ? "was" : "were";
    private static string Short(string hash) => hash.Length > 12 ? hash[..12] + "…" : hash;
}
