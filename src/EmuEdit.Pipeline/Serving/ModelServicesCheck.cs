using EmuEdit.Pipeline.Engine;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmuEdit.Pipeline.Serving;

/// <summary>
/// The start check of a host that samples with remote model services (the diffusion worker, the inversion
/// service): the vae-decoder must make the latents the host's U-Net was trained on
/// (<see cref="EditEngine.CheckCodecAsync"/>). It runs once, at start, against whichever vae-decoder replica
/// answers. While the service fails to answer (it may be starting) the check is tried again, the pause doubling
/// from ModelServices:CheckRetryDelay up to ModelServices:CheckRetryMaxDelay.
/// </summary>
public sealed class ModelServicesCheck(EditEngine engine, TrainedLatentSpace latentSpace, TimeSpan retryDelay, TimeSpan maxRetryDelay,
    TimeProvider time, ILogger<ModelServicesCheck>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<ModelServicesCheck>.Instance;

    /// <summary>Why the check refused the model services; null unless it did. The host exits non-zero when set.</summary>
    public string? Mismatch { get; private set; }

    /// <summary>
    /// The check as a host runs it before its first job: true once it passes; false when it refused the
    /// services (<paramref name="refused"/> hears why first, so the host can say so and stop) or
    /// <paramref name="cancellationToken"/> ended the wait.
    /// </summary>
    public async Task<bool> PassesAsync(Action<string> refused, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(refused);
        try
        {
            await WaitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ModelMismatchException e)
        {
            refused(e.Message);
            return false;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Returns once the check passes.</summary>
    /// <exception cref="ModelMismatchException">The services serve another model: the host must take no job.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the check could pass.</exception>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        var delay = retryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await engine.CheckCodecAsync(latentSpace.Digest, cancellationToken).ConfigureAwait(false);
                if (attempt > 1) _logger.LogInformation("The vae-decoder serves this model's latent space (checked on try {Attempt})", attempt);
                return;
            }
            catch (ModelMismatchException e)
            {
                Mismatch = e.Message;
                throw;
            }
            catch (RpcException e) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException("The model services check was cancelled.", e, cancellationToken);
            }
            catch (RpcException e)
            {
                _logger.LogWarning("Cannot check the vae-decoder's model yet (try {Attempt}: {Status} {Detail}); trying again in {Delay}",
                    attempt, e.StatusCode, e.Status.Detail, delay);
            }
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            delay = delay * 2 < maxRetryDelay ? delay * 2 : maxRetryDelay;
        }
    }
}
