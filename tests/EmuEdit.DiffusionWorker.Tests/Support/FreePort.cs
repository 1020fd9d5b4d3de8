using System.Net;
using System.Net.Sockets;

namespace EmuEdit.DiffusionWorker.Tests.Support;

internal static class FreePort
{
    /// <summary>A loopback port the OS just handed out; the server binds it a moment later.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
