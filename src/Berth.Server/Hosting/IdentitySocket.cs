using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Berth.Server.Hosting;

/// <summary>
/// The managed identity endpoint's unix socket, <c>&lt;data&gt;/run/identity.sock</c>: owner and group may connect
/// (mode 0660, in a 0750 directory), so it can be mounted into the workloads Berth runs and nowhere else.
/// </summary>
internal static class IdentitySocket
{
    // sun_path is 108 bytes on Linux, including the terminating NUL.
    private const int MaxPathBytes = 107;

    public static string PathFor(string data) => Path.Combine(Path.GetFullPath(data), "run", "identity.sock");

    /// <summary>Listens on the socket; false (and no listener) where unix sockets are unavailable or the path is too long.</summary>
    public static bool TryListen(KestrelServerOptions kestrel, string socketPath)
    {
        if (OperatingSystem.IsWindows() || Encoding.UTF8.GetByteCount(socketPath) > MaxPathBytes)
        {
            return false;
        }

        var directory = Path.GetDirectoryName(socketPath)!;
        Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        if (File.Exists(socketPath))
        {
            File.Delete(socketPath); // left by a previous run; a live server would hold the data directory's database too
        }

        kestrel.ListenUnixSocket(socketPath, listen => listen.Protocols = HttpProtocols.Http1);
        return true;
    }

    public static void Restrict(string socketPath)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(socketPath))
        {
            File.SetUnixFileMode(socketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
        }
    }
}
