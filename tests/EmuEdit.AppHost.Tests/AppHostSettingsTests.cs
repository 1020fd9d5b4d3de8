using EmuEdit.AppHost;
using Microsoft.Extensions.Configuration;

namespace EmuEdit.AppHost.Tests;

public class AppHostSettingsTests
{
    private static AppHostSettings Read(params (string Key, string Value)[] values) =>
        AppHostSettings.Read(
            new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build(),
            Path.GetTempPath());

    [Fact]
    public void ModelServiceThreadsAreUnsetByDefaultAndReadWhenGiven()
    {
        Assert.Null(Read().ModelServiceTorchThreads);
        Assert.Equal(1, Read(("EmuEdit:ModelServiceTorchThreads", "1")).ModelServiceTorchThreads);
    }

    [Theory]
    [InlineData("EmuEdit:ModelServiceTorchThreads", "0")]
    [InlineData("EmuEdit:WorkerReplicas", "0")]
    [InlineData("EmuEdit:InversionReplicas", "0")]
    public void OutOfRangeSettingsAreRefusedNamingTheSetting(string key, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => Read((key, value)));
        Assert.Contains(key, error.Message);
    }

    [Fact]
    public void TheModelFolderDefaultsToTheShippedOneBesideTheAppHost()
    {
        var settings = Read();
        Assert.Equal(Path.GetFullPath(Path.Combine(Path.GetTempPath(), "..", "models", "default")), settings.ModelDirectory);
        Assert.Equal("/data/m", Read(("Model:Directory", "/data/m")).ModelDirectory);
    }
}
