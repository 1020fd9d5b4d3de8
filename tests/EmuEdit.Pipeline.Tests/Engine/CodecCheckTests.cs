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

        ModelServicesCheck Check(ILatentCodec codec, string trained) =>
            new(With(loaded, codec), new TrainedLatentSpace(trained), delay, delay * 4, TimeProvider.System);

        // A service that is starting (UNAVAILABLE) or answers errors for a while is asked again.
        var starting = new GeometryOnlyCodec(geometry, failedCalls: 3, StatusCode.Unavailable);
        var passed = Check(starting, "0123abcd");
        await passed.WaitAsync(CancellationToken.None);
        Assert.Equal(4, starting.Calls);
        Assert.Null(passed.Mismatch);
        var erring = new GeometryOnlyCodec(geometry, failedCalls: 2, StatusCode.Internal);
        await Check(erring, "0123abcd").WaitAsync(CancellationToken.None);
        Assert.Equal(3, erring.Calls);

        var refused = Check(new GeometryOnlyCodec(geometry, failedCalls: 1, StatusCode.Unavailable), "4567ef01");
        var mismatch = await Assert.ThrowsAsync<ModelMismatchException>(() => refused.WaitAsync(CancellationToken.None));
        Assert.Equal(mismatch.Message, refused.Mismatch);

        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var never = new GeometryOnlyCodec(geometry, failedCalls: int.MaxValue, StatusCode.Unavailable);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Check(never, "0123abcd").WaitAsync(stop.Token));
        Assert.True(never.Calls > 1);
    }

    private static EditEngine With(EditEngine loaded, LatentGeometry geometry) => With(loaded, new GeometryOnlyCodec(geometry));

    private static EditEngine With(EditEngine loaded, ILatentCodec codec) =>
        new(loaded.Denoiser, new NoPredictor(), loaded.Encoder, codec, loaded.Tasks, loaded.Options);

    /// <summary>Answers only its geometry, after failing the first calls as a starting service does.</summary>
    private sealed class GeometryOnlyCodec(LatentGeometry geometry, int failedCalls = 0, StatusCode failure = StatusCode.Unavailable) : ILatentCodec
    {
        public int Calls { get; private set; }

        public Task<Tensor> EncodeAsync(Tensor images, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Tensor> DecodeAsync(Tensor latents, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<LatentGeometry> GetGeometryAsync(CancellationToken cancellationToken = default) =>
            ++Calls <= failedCalls
                ? throw new RpcException(new Status(failure, "starting"))
                : Task.FromResult(geometry);
    }

    private sealed class NoPredictor : ITaskPredictorClient
    {
        public Task<IReadOnlyList<TaskGuess>> PredictAsync(IReadOnlyList<string> instructions, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}
