using EmuEdit.Onnx.Export.Emitters;
using TorchSharp;
using TorchSharp.Modules;

namespace EmuEdit.Onnx.Export;

/// <summary>
/// Maps module types to emitters. Lookup walks from the module's own type up its base types, so an
/// emitter registered for a base class serves its subclasses unless a closer one is registered.
/// </summary>
public sealed class OnnxEmitterRegistry
{
    private readonly Dictionary<Type, IOnnxModuleEmitter> _emitters = [];

    /// <summary>A registry with the stock TorchSharp layers (see docs/onnx.md for the list).</summary>
    public static OnnxEmitterRegistry CreateDefault()
    {
        var r = new OnnxEmitterRegistry();
        r.Register<Sequential>(new SequentialEmitter());
        r.Register<Conv2d>(new Conv2dEmitter());
        r.Register<Linear>(new LinearEmitter());
        r.Register<GroupNorm>(new GroupNormEmitter());
        r.Register<LayerNorm>(new LayerNormEmitter());
        r.Register<Embedding>(new EmbeddingEmitter());
        r.Register<Upsample>(new UpsampleEmitter());
        r.Register<SiLU>(new ActivationEmitter((ops, x) => ops.SiLU(x)));
        r.Register<GELU>(new GeluEmitter());
        r.Register<ReLU>(new ActivationEmitter((ops, x) => ops.Unary("Relu", x)));
        r.Register<Sigmoid>(new ActivationEmitter((ops, x) => ops.Unary("Sigmoid", x)));
        r.Register<Tanh>(new ActivationEmitter((ops, x) => ops.Unary("Tanh", x)));
        // Inference graphs: dropout is the identity in eval mode, so these emit nothing.
        r.Register<Identity>(new PassThroughEmitter());
        r.Register<Dropout>(new PassThroughEmitter());
        r.Register<Dropout1d>(new PassThroughEmitter());
        r.Register<Dropout2d>(new PassThroughEmitter());
        return r;
    }

    /// <summary>Adds or replaces the emitter for <typeparamref name="TModule"/>.</summary>
    public OnnxEmitterRegistry Register<TModule>(IOnnxModuleEmitter emitter) where TModule : torch.nn.Module =>
        Register(typeof(TModule), emitter);

    /// <summary>Adds or replaces the emitter for <paramref name="moduleType"/> (a Module subclass).</summary>
    public OnnxEmitterRegistry Register(Type moduleType, IOnnxModuleEmitter emitter)
    {
        if (!typeof(torch.nn.Module).IsAssignableFrom(moduleType))
            throw new ArgumentException($"{moduleType.FullName} is not a TorchSharp module.", nameof(moduleType));
        _emitters[moduleType] = emitter;
        return this;
    }

    /// <summary>The emitter for <paramref name="moduleType"/> or its nearest registered base type.</summary>
    public IOnnxModuleEmitter? Find(Type moduleType)
    {
        for (var t = moduleType; t is not null && t != typeof(object); t = t.BaseType)
            if (_emitters.TryGetValue(t, out var e)) return e;
        return null;
    }
}
