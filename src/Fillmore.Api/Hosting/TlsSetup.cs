// Turns TLS on when Kestrel's default certificate is configured (Kestrel:Certificates:Default:Path,
// or FILLMORE_TLS_CERT / FILLMORE_TLS_KEY): every address Fillmore listens on becomes https (an
// http:// one in Urls or --urls is served as https:// on the same port, so plain HTTP is off rather
// than a second door), only TLS 1.3 is offered (1.2 too with Fillmore:Tls:MinimumVersion=1.2), and
// every answer carries Strict-Transport-Security. The stream is then wss:// on the same address.
namespace Fillmore.Api.Hosting;

using System.Security.Authentication;
using Microsoft.Extensions.Options;

public static class TlsSetup
{
    public const string CertificatePath = "Kestrel:Certificates:Default:Path";

    public static bool Enabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[CertificatePath]);

    /// <summary>Configures Kestrel for TLS when a certificate is configured; returns whether it is.</summary>
    public static bool Configure(WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Fillmore:Tls").Get<TlsOptions>() ?? new TlsOptions();
        if (!Enabled(builder.Configuration)) return false;
        var protocols = options.MinimumVersion switch
        {
            "1.3" => SslProtocols.Tls13,
            "1.2" => SslProtocols.Tls12 | SslProtocols.Tls13,
            _ => throw new OptionsValidationException("Fillmore:Tls:MinimumVersion", typeof(TlsOptions),
                [$"Fillmore:Tls:MinimumVersion '{options.MinimumVersion}' is not valid: use 1.3 or 1.2."]),
        };
        builder.WebHost.ConfigureKestrel(k => k.ConfigureHttpsDefaults(https => https.SslProtocols = protocols));
        var urls = builder.Configuration["urls"];
        if (!string.IsNullOrWhiteSpace(urls)) builder.WebHost.UseUrls(Secure(urls));
        builder.Services.AddHsts(hsts =>
        {
            hsts.MaxAge = options.HstsMaxAge;
            hsts.ExcludedHosts.Clear();      // the quick start's 127.0.0.1 and localhost get it too
        });
        return true;
    }

    /// <summary>"http://a:1;https://b:2" -> "https://a:1;https://b:2".</summary>
    public static string Secure(string urls) => string.Join(';', urls.Split(';', StringSplitOptions.RemoveEmptyEntries
        | StringSplitOptions.TrimEntries).Select(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            ? "https://" + u["http://".Length..] : u));
}
