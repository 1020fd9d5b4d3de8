using EmuEdit.Model.Checkpoints;
using EmuEdit.Pipeline.Abstractions;
using EmuEdit.Pipeline.Engine;
using EmuEdit.Pipeline.Serving;
using EmuEdit.Pipeline.Tests.Support;
using Grpc.Core;
using static TorchSharp.torch;

namespace EmuEdit.Pipeline.Tests.Engine;

/// <summary><see cref="EditEngine.CheckCodecAsync"/>: the autoencoder part must make the latents the U-Net was trained on.</summary>
public sealed class CodecCheckTests(ModelFolderFixture fixture) : IClassFixture<ModelFolderFixture>
{
    [Fact]
    public async Task TheUNetsOwnAutoencoderPasses()
    {
        using var engine = InProcessEditEngine.Load(fixture.Model.Path);
        var digest = LatentSpaceDigest.TryOf(fixture.Model.Path);
        Assert.NotNull(digest);
        Assert.Equal(digest, (await engine.Codec.GetGeometryAsync()).LatentSpace);
        await engine.CheckCodecAsync(digest);
        await engine.CheckCodecAsync(latentSpace: null);
    }

    [Fact]
    public async Task AnotherGeometryIsAMismatch()
    {
        using var loaded = InProcessEditEngine.Load(fixture.Model.Path);
        var trained = loaded.Denoiser.Config.Autoencoder;
        var channels = await Assert.ThrowsAsync<ModelMismatchException>(() =>
            With(loaded, new LatentGeometry(trained.LatentChannels + 1, trained.DownFactor)).CheckCodecAsync(null));
        Assert.Contains($"{trained.LatentChannels + 1} channels", channels.Message);
        await Assert.ThrowsAsync<ModelMismatchException>(() =>
            With(loaded, new LatentGeometry(trained.LatentChannels, trained.DownFactor * 2)).CheckCodecAsync(null));
    }

    [Fact]
    public async Task AnotherEncoderIsAMismatchAndAnUnknownOneIsNot()
    {
        using var loaded = InProcessEditEngine.Load(fixture.Model.Path);
        var trained = loaded.Denoiser.Config.Autoencoder;
        var geometry = new LatentGeometry(trained.LatentChannels, trained.DownFactor);
        var error = await Assert.ThrowsAsync<ModelMismatchException>(() =>
            With(loaded, geometry with { LatentSpace = "0123abcd" }).CheckCodecAsync("4567ef01"));
        Assert.Contains("0123abcd", error.Message);
        Assert.Contains("4567ef01", error.Message);
        await With(loaded, geometry).CheckCodecAsync("4567ef01");
        await With(loaded, geometry with { LatentSpace = "4567ef01" }).CheckCodecAsync("4567ef01");
    }

    [Fact]
    public async Task TheStartCheckWaitsForAnUnreachableServiceAndStopsOnAMismatch()
    {
        using var loaded = InProcessEditEngine.Load(fixture.Model.Path);
        var trained = loaded.Denoiser.Config.Autoencoder;
        var geometry = new LatentGeometry(trained.LatentChannels, trained.DownFactor) { LatentSpace = "0123abcd" };
        var delay = TimeSpan.FromMilliseconds(10);

        var starting = new GeometryOnlyCodec(geometry, unavailableCalls: 3);
        await new ModelServicesCheck(With(loaded, starting), new TrainedLatentSpace("0123abcd"), delay, TimeProvider.System).WaitAsync(CancellationToken.None);
        Assert.Equal(4, starting.Calls);

        var other = new GeometryOnlyCodec(geometry, unavailableCalls: 1);
        await Assert.ThrowsAsync<ModelMismatchException>(() =>
            new ModelServicesCheck(With(loaded, other), new TrainedLatentSpace("4567ef01"), delay, TimeProvider.System).WaitAsync(CancellationToken.None));

        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var never = new GeometryOnlyCodec(geometry, unavailableCalls: int.MaxValue);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new ModelServicesCheck(With(loaded, never), new TrainedLatentSpace("0123abcd"), delay, TimeProvider.System).WaitAsync(stop.Token));
        Assert.True(never.Calls > 1);
    }

    private static EditEngine With(EditEngine loaded, LatentGeometry geometry) => With(loaded, new GeometryOnlyCodec(geometry));

    private static EditEngine With(EditEngine loaded, ILatentCodec codec) =>
        new(loaded.Denoiser, new NoPredictor(), loaded.Encoder, codec, loaded.Tasks, loaded.Options);

    /// <summary>Answers only its geometry, after failing the first calls as a starting service does.</summary>
    private sealed class GeometryOnlyCodec(LatentGeometry geometry, int unavailableCalls = 0) : ILatentCodec
    {
        public int Calls { get; private set; }

        public Task<Tensor> EncodeAsync(Tensor images, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Tensor> DecodeAsync(Tensor latents, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<LatentGeometry> GetGeometryAsync(CancellationToken cancellationToken = default) =>
            ++Calls <= unavailableCalls
                ? throw new RpcException(new Status(StatusCode.Unavailable, "starting"))
                : Task.FromResult(geometry);
    }

    private sealed class NoPredictor : ITaskPredictorClient
    {
        public Task<IReadOnlyList<TaskGuess>> PredictAsync(IReadOnlyList<string> instructions, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}
