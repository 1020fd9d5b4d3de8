using System.Runtime.InteropServices;

namespace EmuEdit.Cli.Training;

/// <summary>
/// Turns SIGINT (Ctrl+C) and SIGTERM into a cancellation: the trainer finishes its step, checkpoints and
/// exits, instead of the process dying with up to a checkpoint interval of work lost.
/// </summary>
public sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration[] _registrations;

    public StopSignals()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle),
        ];
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _source.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        // Keep the process alive until the checkpoint is written.
        context.Cancel = true;
        if (!_source.IsCancellationRequested)
        {
            Console.Error.WriteLine($"{context.Signal}: stopping after this step and writing a checkpoint");
            _source.Cancel();
        }
    }
}
