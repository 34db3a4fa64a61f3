// The closest accepted name to a field or query parameter the API does not take, so that the
// refusal (UNKNOWN_FIELD) can say "did you mean 'quantity'?" for qty, Quantity, orderType, tif or
// quantiy. Only a plausible match is offered; anything else gets no guess (the caller then lists
// every accepted name), since a wrong guess would mislead more than none.
namespace Fillmore.Api.Endpoints;

internal static class FieldNames
{
    /// <summary>Longest client-sent name echoed back in a problem; longer ones are cut (with an ellipsis).</summary>
    public const int MaxShown = 64;

    /// <summary>The accepted name <paramref name="name"/> most plausibly meant, or null.</summary>
    public static string? Closest(string name, IReadOnlyList<string> accepted)
    {
        var n = Normal(name);
        if (n.Length is 0 or > MaxShown) return null;
        var candidates = accepted.Select(a => (Name: a, Normal: Normal(a))).Where(c => c.Normal.Length > 0).ToList();
        // The same name in another spelling: Quantity, ORDER_TYPE, orderType, stop-price.
        foreach (var c in candidates) if (c.Normal == n) return c.Name;
        // The words' initials: tif, sl, tp.
        foreach (var c in candidates)
            if (n.Length >= 2 && string.Concat(c.Name.Split('_').Where(w => w.Length > 0).Select(w => w[0])) == n)
                return c.Name;
        // A typo: at most one edit (a letter added, left out, changed or two swapped) in three letters.
        var typo = candidates.Select(c => (c.Name, c.Normal, Distance: Distance(n, c.Normal)))
            .Where(c => c.Distance <= Math.Max(1, Math.Min(n.Length, c.Normal.Length) / 3))
            .OrderBy(c => c.Distance).FirstOrDefault();
        if (typo.Name is not null) return typo.Name;
        // A part or a longer form: type (order_type), limit_price (price), trader (trader_id).
        var part = candidates
            .Where(c => (n.Length >= 3 && c.Normal.Contains(n, StringComparison.Ordinal))
                || (c.Normal.Length >= 4 && n.Contains(c.Normal, StringComparison.Ordinal)))
            .OrderBy(c => Math.Abs(c.Normal.Length - n.Length)).FirstOrDefault();
        if (part.Name is not null) return part.Name;
        // An abbreviation: qty (quantity), client_id (client_order_id).
        return candidates.Where(c => n.Length >= 2 && c.Normal[0] == n[0] && IsSubsequence(n, c.Normal))
            .OrderBy(c => c.Normal.Length).Select(c => c.Name).FirstOrDefault();
    }

    /// <summary>A client-sent name as a problem shows it: cut to <see cref="MaxShown"/> characters.</summary>
    public static string Shown(string name) => name.Length <= MaxShown ? name : name[..MaxShown] + "…";

    private static string Normal(string name) =>
        string.Concat(name.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant));

    private static bool IsSubsequence(string part, string whole)
    {
        var i = 0;
        foreach (var c in whole)
            if (i < part.Length && part[i] == c) i++;
        return i == part.Length;
    }

    // Edit distance with swaps of neighbours (form is one edit from from); the names are short (MaxShown).
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1),
                    d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}
