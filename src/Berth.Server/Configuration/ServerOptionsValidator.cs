using System.Net;
using Microsoft.Extensions.Options;

namespace Berth.Server.Configuration;

/// <summary>Start-up validation with messages that say which setting is wrong and how to fix it.</summary>
public sealed class ServerOptionsValidator : IValidateOptions<ServerOptions>
{
    public ValidateOptionsResult Validate(string? name, ServerOptions options)
    {
        var errors = new List<string>();
        if (!ListenAddress.TryParse(options.Listen, out _))
        {
            errors.Add($"Berth:Listen (--listen) '{options.Listen}' is not ADDRESS:PORT, e.g. 127.0.0.1:5000 or [::]:443");
        }

        if (string.IsNullOrWhiteSpace(options.Data))
        {
            errors.Add("Berth:Data (--data) must name a directory");
        }

        if (options.TlsCert is null != options.TlsKey is null)
        {
            errors.Add("--tls-cert and --tls-key must be given together");
        }

        foreach (var file in new[] { options.TlsCert, options.TlsKey })
        {
            if (file is not null && !File.Exists(file))
            {
                errors.Add($"TLS file '{file}' does not exist");
            }
        }

        if (options.Metadata is not "sqlite")
        {
            errors.Add($"Berth:Metadata '{options.Metadata}' is not a known metadata provider (sqlite)");
        }

        if (options.Storage is not "filesystem")
        {
            errors.Add($"Berth:Storage '{options.Storage}' is not a known storage provider (filesystem)");
        }

        if (options.SqliteSynchronous is not ("FULL" or "NORMAL"))
        {
            errors.Add($"Berth:SqliteSynchronous '{options.SqliteSynchronous}' must be FULL or NORMAL");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

/// <summary>Parses ADDRESS:PORT (IPv6 in brackets; <c>localhost</c> means loopback).</summary>
public static class ListenAddress
{
    public static bool TryParse(string? value, out IPEndPoint endpoint)
    {
        endpoint = null!;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var text = value.StartsWith("localhost:", StringComparison.OrdinalIgnoreCase) ? "127.0.0.1" + value[9..] : value;
        return IPEndPoint.TryParse(text, out endpoint!) && text.Contains(':', StringComparison.Ordinal) && endpoint.Port is >= 0 and <= 65535
            && (text.LastIndexOf(':') > text.LastIndexOf(']'));
    }
}
