using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace EmuEdit.Onnx.Runtime;

/// <summary>
/// One ONNX Runtime session over one model file. Creating a session is the expensive part (graph
/// optimisation, provider setup, weight upload), so a process keeps one per file for its lifetime
/// (see <see cref="OnnxModelCatalog"/>) and runs it from many threads: <see cref="Run"/> is
/// thread-safe. Inputs are validated against the model's declared names, types and fixed dims
/// before running; outputs come back as float arrays with their shapes.
/// </summary>
public sealed class OnnxModelSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly ReaderWriterLockSlim _lifetime = new();
    private bool _disposed;

    /// <summary>Loads <paramref name="modelPath"/> with the provider the options ask for (falling back to CPU as they allow).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime rejects the model, or the required provider is unavailable.</exception>
    public OnnxModelSession(string modelPath, OnnxSessionOptions? options = null, ILogger? logger = null)
    {
        options ??= new OnnxSessionOptions();
        logger ??= NullLogger.Instance;
        ModelPath = Path.GetFullPath(modelPath);
        if (!File.Exists(ModelPath)) throw new FileNotFoundException($"ONNX model not found: {ModelPath}", ModelPath);
        ModelName = Path.GetFileName(ModelPath);
        (_session, ExecutionProvider) = CreateSession(so => new InferenceSession(ModelPath, so), options, logger);
        (Inputs, Outputs, Metadata) = DescribeSession(logger);
    }

    /// <summary>
    /// Loads a model held in memory, for models that ship inside another file (a NuGet package's
    /// assembly resources) rather than as an .onnx file of their own.
    /// </summary>
    /// <param name="model">The serialised ModelProto.</param>
    /// <param name="source">Where the bytes came from, reported as <see cref="ModelPath"/>.</param>
    /// <param name="modelName">The name used in logs and errors.</param>
    public OnnxModelSession(byte[] model, string source, string modelName, OnnxSessionOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new OnnxSessionOptions();
        logger ??= NullLogger.Instance;
        ModelPath = source;
        ModelName = modelName;
        (_session, ExecutionProvider) = CreateSession(so => new InferenceSession(model, so), options, logger);
        (Inputs, Outputs, Metadata) = DescribeSession(logger);
    }

    private (OnnxTensorDescription[], OnnxTensorDescription[], Dictionary<string, string>) DescribeSession(ILogger logger)
    {
        var inputs = Describe(_session.InputMetadata);
        var outputs = Describe(_session.OutputMetadata);
        var metadata = _session.ModelMetadata.CustomMetadataMap.ToDictionary(p => p.Key, p => p.Value);
        logger.LogInformation("ONNX model {Model} runs on {Provider}; inputs {Inputs}; outputs {Outputs}",
            ModelName, ProviderName(ExecutionProvider), string.Join("; ", inputs), string.Join("; ", outputs));
        return (inputs, outputs, metadata);
    }

    /// <summary>The model file, or for a model loaded from memory the source its caller named.</summary>
    public string ModelPath { get; }

    public string ModelName { get; }

    /// <summary>The provider the session actually runs on (CPU after a fallback).</summary>
    public OnnxExecutionProvider ExecutionProvider { get; }

    public IReadOnlyList<OnnxTensorDescription> Inputs { get; }

    public IReadOnlyList<OnnxTensorDescription> Outputs { get; }

    /// <summary>The model's metadata_props (producer details, tokenizer settings, ...).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>
    /// Runs the model. Every declared input must be given exactly once with its declared element
    /// type, rank and fixed dims; symbolic dims must agree across inputs.
    /// </summary>
    /// <param name="outputNames">Outputs to compute, in the order wanted; null for all, in model order.</param>
    /// <exception cref="OnnxInputException">The inputs do not match the model; nothing was run.</exception>
    public OnnxRunOutputs Run(IReadOnlyList<OnnxInputTensor> inputs, IReadOnlyList<string>? outputNames = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        _lifetime.EnterReadLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            OnnxInputValidator.Validate(ModelName, Inputs, inputs);
            var wanted = ResolveOutputs(outputNames);

            var values = new List<OrtValue>(inputs.Count);
            try
            {
                foreach (var t in inputs) values.Add(ToOrtValue(t));
                using var runOptions = new RunOptions();
                using var results = _session.Run(runOptions, inputs.Select(t => t.Name).ToArray(), values, wanted.Select(d => d.Name).ToArray());
                return new OnnxRunOutputs(results.Select((r, i) => ToOutput(wanted[i], r)).ToArray());
            }
            finally
            {
                foreach (var v in values) v.Dispose();
            }
        }
        finally
        {
            _lifetime.ExitReadLock();
        }
    }

    /// <summary>Runs with inputs given as a list of tensors.</summary>
    public OnnxRunOutputs Run(params OnnxInputTensor[] inputs) => Run((IReadOnlyList<OnnxInputTensor>)inputs);

    public void Dispose()
    {
        // Waits for runs in flight: disposing the native session under them would crash the process.
        _lifetime.EnterWriteLock();
        try
        {
            if (_disposed) return;
            _disposed = true;
            _session.Dispose();
        }
        finally
        {
            _lifetime.ExitWriteLock();
        }
    }

    private (InferenceSession, OnnxExecutionProvider) CreateSession(Func<SessionOptions, InferenceSession> open, OnnxSessionOptions options, ILogger logger)
    {
        if (options.ExecutionProvider == OnnxExecutionProvider.Cuda)
        {
            var cudaOptions = BaseOptions(options);
            try
            {
                cudaOptions.AppendExecutionProvider_CUDA(options.CudaDeviceId);
                return (open(cudaOptions), OnnxExecutionProvider.Cuda);
            }
            catch (Exception e) when (!options.RequireExecutionProvider && e is OnnxRuntimeException or DllNotFoundException or EntryPointNotFoundException)
            {
                logger.LogWarning(
                    "ONNX model {Model}: the CUDA execution provider was requested (device {Device}) but could not be used, so it runs on the CPU. Reason: {Reason}",
                    ModelName, options.CudaDeviceId, FirstLine(e.Message));
            }
            finally
            {
                cudaOptions.Dispose();
            }
        }

        // A fresh options object: one that failed to take the CUDA provider may be half-configured.
        using var cpuOptions = BaseOptions(options);
        return (open(cpuOptions), OnnxExecutionProvider.Cpu);
    }

    private static SessionOptions BaseOptions(OnnxSessionOptions options)
    {
        var so = new SessionOptions { GraphOptimizationLevel = options.OptimizationLevel };
        if (options.IntraOpThreads > 0) so.IntraOpNumThreads = options.IntraOpThreads;
        if (options.InterOpThreads > 0) so.InterOpNumThreads = options.InterOpThreads;
        return so;
    }

    private OnnxTensorDescription[] ResolveOutputs(IReadOnlyList<string>? names)
    {
        if (names is null) return [.. Outputs];
        return names.Select(n => Outputs.FirstOrDefault(o => o.Name == n) ?? throw new OnnxInputException(
            $"Model '{ModelName}' has no output '{n}'; its outputs are {string.Join("; ", Outputs)}.", n)).ToArray();
    }

    private static OrtValue ToOrtValue(OnnxInputTensor t)
    {
        var shape = t.Shape.ToArray();
        return t.Data switch
        {
            float[] f => OrtValue.CreateTensorValueFromMemory(f, shape),
            long[] l => OrtValue.CreateTensorValueFromMemory(l, shape),
            int[] i => OrtValue.CreateTensorValueFromMemory(i, shape),
            bool[] b => OrtValue.CreateTensorValueFromMemory(b, shape),
            _ => throw new OnnxInputException($"Input '{t.Name}': unsupported data array {t.Data.GetType().Name}.", t.Name),
        };
    }

    private OnnxOutputTensor ToOutput(OnnxTensorDescription description, OrtValue value)
    {
        var info = value.GetTensorTypeAndShape();
        if (info.ElementDataType != TensorElementType.Float)
            throw new NotSupportedException(
                $"Model '{ModelName}': output '{description.Name}' is {description.ElementTypeName}; this wrapper returns float32 outputs only.");
        return new OnnxOutputTensor(description.Name, value.GetTensorDataAsSpan<float>().ToArray(), info.Shape);
    }

    private static OnnxTensorDescription[] Describe(IReadOnlyDictionary<string, NodeMetadata> metadata) =>
        metadata.Select(p =>
        {
            var m = p.Value;
            var dims = m.Dimensions.Select((d, i) =>
            {
                var symbol = m.SymbolicDimensions.Length > i && !string.IsNullOrEmpty(m.SymbolicDimensions[i]) ? m.SymbolicDimensions[i] : null;
                return d >= 0 && symbol is null ? new OnnxDimension(d, null) : new OnnxDimension(null, symbol);
            }).ToArray();
            var type = m.IsTensor ? m.ElementDataType : TensorElementType.DataTypeMax;
            return new OnnxTensorDescription(p.Key, ToDataType(type), ElementTypeName(m), dims);
        }).ToArray();

    private static OnnxDataType? ToDataType(TensorElementType t) => t switch
    {
        TensorElementType.Float => OnnxDataType.Float32,
        TensorElementType.Int64 => OnnxDataType.Int64,
        TensorElementType.Int32 => OnnxDataType.Int32,
        TensorElementType.Bool => OnnxDataType.Bool,
        _ => null,
    };

    private static string ElementTypeName(NodeMetadata m) =>
        !m.IsTensor ? m.OnnxValueType.ToString()
        : ToDataType(m.ElementDataType) is { } t ? t.Name() : m.ElementDataType.ToString().ToLowerInvariant();

    private static string ProviderName(OnnxExecutionProvider p) => p == OnnxExecutionProvider.Cuda ? "CUDA" : "CPU";

    private static string FirstLine(string s) => s.Split('\n', 2)[0].Trim();
}
