using EmuEdit.Pipeline.Engine;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmuEdit.Pipeline.Serving;

/// <summary>
/// The start check of a host that samples with remote model services (the diffusion worker, the inversion
/// service): the vae-decoder must make the latents the host's U-Net was trained on
/// (<see cref="EditEngine.CheckCodecAsync"/>). While the service cannot be reached (it may be starting) the
/// check is tried again every ModelServices:CheckRetryDelay.
/// </summary>
public sealed class ModelServicesCheck(EditEngine engine, TrainedLatentSpace latentSpace, TimeSpan retryDelay, TimeProvider time, ILogger<ModelServicesCheck>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<ModelServicesCheck>.Instance;

    /// <summary>Returns once the check passes.</summary>
    /// <exception cref="ModelMismatchException">The services serve another model: the host must take no job.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the check could pass.</exception>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await engine.CheckCodecAsync(latentSpace.Digest, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RpcException e) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException("The model services check was cancelled.", e, cancellationToken);
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
            {
                _logger.LogWarning("Cannot check the vae-decoder's model yet ({Status}); trying again in {Delay}", e.StatusCode, retryDelay);
            }
            await Task.Delay(retryDelay, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
