using EmuEdit.GarnetHost;

namespace EmuEdit.Queue.Tests;

public sealed class GarnetStartTests
{
    [Fact]
    public void Starting_on_a_port_already_taken_fails_instead_of_serving_nothing()
    {
        var options = new EmbeddedGarnetOptions { Port = FreePort.Next() };
        using EmbeddedGarnetServer first = EmbeddedGarnetServer.Start(options);
        Exception error = Assert.ThrowsAny<Exception>(() => EmbeddedGarnetServer.Start(options).Dispose());
        Assert.Contains(options.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), error.ToString(), StringComparison.Ordinal);
    }
}
