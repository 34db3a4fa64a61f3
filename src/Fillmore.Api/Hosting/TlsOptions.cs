// TLS for Fillmore's own listener (section "Fillmore:Tls"). The certificate itself is Kestrel's
// standard configuration, Kestrel:Certificates:Default:Path and KeyPath (FILLMORE_TLS_CERT and
// FILLMORE_TLS_KEY set them): with it, TLS is on. Only TLS 1.3 unless MinimumVersion says 1.2;
// nothing older is ever offered.
namespace Fillmore.Api.Hosting;

public sealed class TlsOptions
{
    /// <summary>"1.3" (the default) or "1.2".</summary>
    public string MinimumVersion { get; set; } = "1.3";

    /// <summary>Strict-Transport-Security max-age on every HTTPS answer.</summary>
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);
}
