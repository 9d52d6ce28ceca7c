using System.Security.Cryptography.X509Certificates;

namespace Berth.Server.Hosting;

internal static class Tls
{
    /// <summary>Loads a PEM certificate and key; re-imports so the key is usable by SslStream on every platform.</summary>
    public static X509Certificate2 LoadCertificate(string certFile, string keyFile)
    {
        using var pem = X509Certificate2.CreateFromPemFile(certFile, keyFile);
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }
}
