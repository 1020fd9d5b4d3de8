using EmuEdit.Data.Generation;
using EmuEdit.Model;
using EmuEdit.Training.Data;
using static TorchSharp.torch;

namespace EmuEdit.Training.Editor;

/// <summary>The fixed validation examples of an editor run, encoded once: latents, instructions and task rows.</summary>
public sealed class ValidationLatents : IDisposable
{
    private readonly Tensor _inputs;
    private readonly Tensor _targets;
    private readonly Tensor _tasks;
    private readonly IReadOnlyList<string> _instructions;

    private ValidationLatents(Tensor inputs, Tensor targets, Tensor tasks, IReadOnlyList<string> instructions)
    {
        _inputs = inputs;
        _targets = targets;
        _tasks = tasks;
        _instructions = instructions;
    }

    public static ValidationLatents Create(EmuEditModel model, ExampleGenerator generator, int count)
    {
        var examples = EditorExamples.ValidationSet(generator, count);
        var size = model.Config.Autoencoder.ImageSize;
        using var x = ImageTensors.ToTensor(ImageTensors.ToChwSigned(examples.Select(e => e.Input).ToList()), count, size, size);
        using var y = ImageTensors.ToTensor(ImageTensors.ToChwSigned(examples.Select(e => e.Target).ToList()), count, size, size);
        model.Autoencoder.eval();
        return new ValidationLatents(model.EncodeImages(x), model.EncodeImages(y),
            tensor(examples.Select(e => (long)e.TaskIndex).ToArray(), ScalarType.Int64),
            examples.Select(e => e.Instruction).ToList());
    }

    /// <summary>Consecutive chunks of at most <paramref name="size"/> examples (tensors are views owned by the caller's scope).</summary>
    public IEnumerable<(Tensor Input, Tensor Target, IReadOnlyList<string> Instructions, Tensor Tasks)> Chunks(int size)
    {
        for (var start = 0; start < _instructions.Count; start += size)
        {
            var n = Math.Min(size, _instructions.Count - start);
            yield return (_inputs.narrow(0, start, n), _targets.narrow(0, start, n),
                _instructions.Skip(start).Take(n).ToList(), _tasks.narrow(0, start, n));
        }
    }

    public void Dispose()
    {
        _inputs.Dispose();
        _targets.Dispose();
        _tasks.Dispose();
    }
}
