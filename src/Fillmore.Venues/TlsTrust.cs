// How Fillmore checks a venue's TLS certificate (the remote exchange over https/wss, a FIX venue
// over TLS): by the system's trusted roots, or, when the venue's configuration names a CA file
// (PEM), by that CA alone, for a venue behind a private CA. The host name is always checked.
namespace Fillmore.Venues;

using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

public static class TlsTrust
{
    /// <summary>What a connection to a venue offers: TLS 1.2 and 1.3 (venues are slower to move than we are).</summary>
    public const SslProtocols Protocols = SslProtocols.Tls12 | SslProtocols.Tls13;

    /// <summary>A check that trusts only the CA(s) in <paramref name="caPath"/>; null (the system's roots) when no
    /// file is named.</summary>
    public static RemoteCertificateValidationCallback? For(string? caPath)
    {
        if (string.IsNullOrWhiteSpace(caPath)) return null;
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(caPath);
        if (roots.Count == 0) throw new InvalidDataException($"{caPath} holds no PEM certificate.");
        return (_, certificate, _, errors) => certificate is not null
            && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None
            && Chains(certificate, roots);
    }

    private static bool Chains(X509Certificate certificate, X509Certificate2Collection roots)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
