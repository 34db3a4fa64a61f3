// A certificate authority and a certificate for 127.0.0.1 made by the README's own scripts/dev-cert
// (real openssl) in a temporary folder, and a validation callback that trusts that CA alone: the
// TLS tests check the quick start's certificate, not one made another way.
namespace Fillmore.Api.Tests;

using System.Diagnostics;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

public sealed class DevCertificate
{
    private DevCertificate(string folder)
    {
        Folder = folder;
        Authority = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(folder, "ca.crt"));
    }

    public string Folder { get; }
    public string CertificatePath => Path.Combine(Folder, "server.crt");
    public string KeyPath => Path.Combine(Folder, "server.key");
    public X509Certificate2 Authority { get; }

    public static DevCertificate Make()
    {
        var folder = Directory.CreateTempSubdirectory("fillmore-dev-cert-").FullName;
        var script = Path.Combine(HostileInputTests.RepositoryRoot(), "scripts", "dev-cert");
        using var run = Process.Start(new ProcessStartInfo(script, [folder])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var error = run.StandardError.ReadToEnd();
        if (!run.WaitForExit(30_000) || run.ExitCode != 0)
            throw new InvalidOperationException($"scripts/dev-cert failed ({run.ExitCode}): {error}");
        return new DevCertificate(folder);
    }

    /// <summary>The environment that turns TLS on with this certificate.</summary>
    public Dictionary<string, string> Environment() => new()
    {
        ["FILLMORE_TLS_CERT"] = CertificatePath,
        ["FILLMORE_TLS_KEY"] = KeyPath,
    };

    /// <summary>Accepts exactly a certificate for the host asked for that chains to this CA.</summary>
    public bool Trust(object sender, X509Certificate? certificate, X509Chain? _, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
            return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(new X509Certificate2(certificate));
    }
}
