using Grpc.Net.Client;

namespace EmuEdit.Pipeline.Remote;

/// <summary>One long-lived HTTP/2 channel per model service (channels multiplex calls; creating one per call is costly).</summary>
public sealed class ModelServiceChannels(Uri taskPredictor, Uri textEncoder, Uri vaeDecoder) : IDisposable
{
    public GrpcChannel TaskPredictor { get; } = GrpcChannel.ForAddress(taskPredictor);

    public GrpcChannel TextEncoder { get; } = GrpcChannel.ForAddress(textEncoder);

    public GrpcChannel VaeDecoder { get; } = GrpcChannel.ForAddress(vaeDecoder);

    public void Dispose()
    {
        TaskPredictor.Dispose();
        TextEncoder.Dispose();
        VaeDecoder.Dispose();
    }
}
