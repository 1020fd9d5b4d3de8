using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EmuEdit.Model.Training;

/// <summary>
/// An exponential moving average of a module's trainable parameters, the weights one samples with
/// (they average out the optimiser's step-to-step noise). <see cref="Apply"/> swaps the averages into
/// the module for evaluation or export and <see cref="Restore"/> swaps the training weights back.
/// </summary>
/// <remarks>Buffers are not averaged: the models here keep no running statistics.</remarks>
public sealed class ExponentialMovingAverage : IDisposable
{
    private readonly List<(string Name, Parameter Parameter, Tensor Shadow)> _entries;
    private List<Tensor>? _backup;
    // 1 - decay as the 0-dim tensor lerp_ takes, created once: the implicit conversion made one per parameter
    // per step, which nothing referenced during the native call (the GC may free it there; ScalarArithmetic).
    private readonly Tensor _weight;

    /// <summary>Starts the averages at the module's current trainable weights.</summary>
    public ExponentialMovingAverage(nn.Module module, double decay)
    {
        ArgumentNullException.ThrowIfNull(module);
        if (!(decay >= 0 && decay <= 1)) throw new ArgumentOutOfRangeException(nameof(decay), decay, "must be in [0, 1]");
        Decay = decay;
        _weight = tensor(1 - decay).DetachFromDisposeScope();
        using var noGrad = no_grad();
        _entries = module.named_parameters()
            .Where(p => p.parameter.requires_grad)
            .Select(p => (p.name, p.parameter, p.parameter.detach().clone().DetachFromDisposeScope()))
            .ToList();
    }

    /// <summary>shadow = decay·shadow + (1 - decay)·weights at each <see cref="Update"/>.</summary>
    public double Decay { get; }

    /// <summary>True between <see cref="Apply"/> and <see cref="Restore"/>.</summary>
    public bool IsApplied => _backup is not null;

    /// <summary>Folds the current weights into the averages (call after each optimiser step).</summary>
    public void Update()
    {
        if (IsApplied) throw new InvalidOperationException("restore the training weights before updating the average");
        using var noGrad = no_grad();
        foreach (var (_, parameter, shadow) in _entries)
            shadow.lerp_(parameter, _weight);
    }

    /// <summary>Copies the averages into the module, keeping the training weights for <see cref="Restore"/>.</summary>
    public void Apply()
    {
        if (IsApplied) throw new InvalidOperationException("the average is already applied");
        using var noGrad = no_grad();
        _backup = _entries.Select(e => e.Parameter.detach().clone().DetachFromDisposeScope()).ToList();
        foreach (var (_, parameter, shadow) in _entries)
            parameter.copy_(shadow);
    }

    /// <summary>Puts the training weights back after <see cref="Apply"/>.</summary>
    public void Restore()
    {
        if (_backup is null) throw new InvalidOperationException("the average is not applied");
        using var noGrad = no_grad();
        for (var i = 0; i < _entries.Count; i++)
        {
            _entries[i].Parameter.copy_(_backup[i]);
            _backup[i].Dispose();
        }
        _backup = null;
    }

    /// <summary>A copy of each parameter's average by name, for export (the caller disposes them).</summary>
    public IReadOnlyDictionary<string, Tensor> Averages() =>
        _entries.ToDictionary(e => e.Name, e => e.Shadow.clone().DetachFromDisposeScope());

    /// <summary>Writes the averages (names, then values).</summary>
    public void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_entries.Count);
        foreach (var (name, _, shadow) in _entries)
        {
            writer.Write(name);
            shadow.Save(writer);
        }
    }

    /// <summary>Reads averages written by <see cref="Save"/> for a module with the same trainable parameters.</summary>
    public void Load(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var count = reader.ReadInt32();
        if (count != _entries.Count) throw new InvalidDataException($"EMA state has {count} parameters, the module {_entries.Count}");
        using var noGrad = no_grad();
        foreach (var (name, _, shadow) in _entries)
        {
            var saved = reader.ReadString();
            if (saved != name) throw new InvalidDataException($"EMA state names '{saved}' where the module has '{name}'");
            shadow.Load(reader);
        }
    }

    /// <summary>Frees the averages (and a pending backup).</summary>
    public void Dispose()
    {
        foreach (var e in _entries) e.Shadow.Dispose();
        _weight.Dispose();
        if (_backup is not null) foreach (var b in _backup) b.Dispose();
    }
}
