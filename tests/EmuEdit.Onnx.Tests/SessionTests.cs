using EmuEdit.Onnx.Export;
using EmuEdit.Onnx.Graph;
using EmuEdit.Onnx.Runtime;
using EmuEdit.Onnx.Tests.TestModules;
using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace EmuEdit.Onnx.Tests;

/// <summary>OnnxModelSession: input validation, provider choice and fallback, sharing across threads.</summary>
public sealed class SessionTests : OnnxTestBase
{
    private string ImageModel()
    {
        manual_seed(4);
        return Export(nn.Sequential(("conv", nn.Conv2d(3, 4, 3, padding: 1)), ("act", nn.SiLU())),
            [OnnxTensorSpec.Float("image", "batch", 3, 8, 8)],
            [OnnxTensorSpec.Float("features", "batch", 4, 8, 8)],
            new OnnxExportOptions { Model = new OnnxModelInfo { Metadata = new Dictionary<string, string> { ["emuedit.role"] = "test" } } },
            "image.onnx");
    }

    private string TextModel() => Export(new MaskedSelfAttentionEncoder(10, 8, 2),
        [OnnxTensorSpec.Int64("token_ids", "batch", "L"), OnnxTensorSpec.Bool("token_mask", "batch", "L")],
        [OnnxTensorSpec.Float("context", "batch", "L", 8), OnnxTensorSpec.Float("pooled", "batch", 8)], name: "text.onnx");

    private static OnnxInputTensor Image(int batch, int channels = 3, int size = 8) =>
        OnnxInputTensor.Float("image", new float[batch * channels * size * size], batch, channels, size, size);

    [Fact]
    public void Describes_inputs_outputs_and_metadata_from_the_model()
    {
        using var session = new OnnxModelSession(ImageModel());

        var input = Assert.Single(session.Inputs);
        Assert.Equal("image", input.Name);
        Assert.Equal(OnnxDataType.Float32, input.DataType);
        Assert.Equal("batch", input.Shape[0].Symbol);
        Assert.Equal([null, 3L, 8L, 8L], input.Shape.Select(d => d.Size));
        Assert.Equal("test", session.Metadata["emuedit.role"]);
        Assert.Equal(OnnxExecutionProvider.Cpu, session.ExecutionProvider);
    }

    [Fact]
    public void Wrong_fixed_dimension_is_reported_with_expected_and_actual_shape()
    {
        using var session = new OnnxModelSession(ImageModel());

        var e = Assert.Throws<OnnxInputException>(() => session.Run(Image(2, channels: 4)));

        Assert.Equal("image", e.InputName);
        Assert.Contains("dimension 1 must be 3", e.Message);
        Assert.Contains("[batch,3,8,8]", e.Message);
        Assert.Contains("[2,4,8,8]", e.Message);
    }

    [Fact]
    public void Wrong_rank_is_reported()
    {
        using var session = new OnnxModelSession(ImageModel());

        var e = Assert.Throws<OnnxInputException>(() => session.Run(OnnxInputTensor.Float("image", new float[3 * 64], 3, 8, 8)));

        Assert.Contains("must have rank 4", e.Message);
        Assert.Contains("[3,8,8]", e.Message);
    }

    [Fact]
    public void Wrong_element_type_is_reported()
    {
        using var session = new OnnxModelSession(ImageModel());

        var e = Assert.Throws<OnnxInputException>(() => session.Run(OnnxInputTensor.Int64("image", new long[192], 1, 3, 8, 8)));

        Assert.Contains("must be float32, got int64", e.Message);
    }

    [Fact]
    public void Missing_and_unknown_inputs_are_reported_by_name()
    {
        using var session = new OnnxModelSession(TextModel());
        var ids = OnnxInputTensor.Int64("token_ids", new long[4], 1, 4);

        var missing = Assert.Throws<OnnxInputException>(() => session.Run(ids));
        Assert.Equal("token_mask", missing.InputName);
        Assert.Contains("'token_mask' is missing", missing.Message);
        Assert.Contains("bool [batch,L]", missing.Message);

        var unknown = Assert.Throws<OnnxInputException>(() => session.Run(ids, OnnxInputTensor.Bool("mask", new bool[4], 1, 4)));
        Assert.Contains("has no input 'mask'", unknown.Message);

        var twice = Assert.Throws<OnnxInputException>(() => session.Run(ids, ids));
        Assert.Contains("given twice", twice.Message);
    }

    [Fact]
    public void Symbolic_dimensions_must_agree_across_inputs()
    {
        using var session = new OnnxModelSession(TextModel());

        var e = Assert.Throws<OnnxInputException>(() => session.Run(
            OnnxInputTensor.Int64("token_ids", new long[8], 2, 4),
            OnnxInputTensor.Bool("token_mask", new bool[12], 3, 4)));

        Assert.Contains("'batch' is 2 in input 'token_ids' but 3 in input 'token_mask'", e.Message);
    }

    [Fact]
    public void Data_that_does_not_fill_the_shape_is_refused_when_the_tensor_is_made()
    {
        var e = Assert.Throws<OnnxInputException>(() => OnnxInputTensor.Float("image", new float[10], 1, 3, 8, 8));

        Assert.Contains("needs 192 elements but the data has 10", e.Message);
    }

    [Fact]
    public void Unknown_output_name_is_reported()
    {
        using var session = new OnnxModelSession(ImageModel());

        var e = Assert.Throws<OnnxInputException>(() => session.Run([Image(1)], ["latent"]));

        Assert.Contains("has no output 'latent'", e.Message);
    }

    [Fact]
    public void Cuda_request_without_cuda_falls_back_to_cpu_logs_it_and_runs()
    {
        var logger = new ListLogger();
        using var session = new OnnxModelSession(ImageModel(), new OnnxSessionOptions { ExecutionProvider = OnnxExecutionProvider.Cuda }, logger);

        var result = session.Run(Image(2))["features"];

        Assert.Equal([2L, 4, 8, 8], result.Shape);
        if (session.ExecutionProvider == OnnxExecutionProvider.Cuda)
        {
            // A host with a working CUDA stack: no fallback to see, only the provider line.
            Assert.Contains(logger.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("runs on CUDA"));
            return;
        }
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning
            && e.Message.Contains("CUDA execution provider was requested") && e.Message.Contains("runs on the CPU"));
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("image.onnx runs on CPU"));
    }

    [Fact]
    public void Required_provider_that_is_missing_fails_instead_of_falling_back()
    {
        var options = new OnnxSessionOptions { ExecutionProvider = OnnxExecutionProvider.Cuda, RequireExecutionProvider = true };
        var path = ImageModel();
        try
        {
            using var session = new OnnxModelSession(path, options);
            Assert.Equal(OnnxExecutionProvider.Cuda, session.ExecutionProvider); // only on a CUDA host
        }
        catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException e)
        {
            Assert.Contains("CUDA", e.Message, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Concurrent_runs_on_one_session_give_the_single_thread_answers()
    {
        using var session = new OnnxModelSession(ImageModel());
        var inputs = Enumerable.Range(0, 16).Select(i =>
        {
            var data = Enumerable.Range(0, 192).Select(j => MathF.Sin(i * 192 + j)).ToArray();
            return OnnxInputTensor.Float("image", data, 1, 3, 8, 8);
        }).ToArray();
        var sequential = inputs.Select(x => session.Run(x)[0].Data).ToArray();

        var parallel = new float[inputs.Length][];
        Parallel.For(0, inputs.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = session.Run(inputs[i])[0].Data);

        for (var i = 0; i < inputs.Length; i++) Assert.Equal(sequential[i], parallel[i]);
    }

    [Fact]
    public void Catalog_keeps_one_session_per_file()
    {
        var path = ImageModel();
        using var catalog = new OnnxModelCatalog(new OnnxSessionOptions());

        var sessions = new OnnxModelSession[8];
        Parallel.For(0, sessions.Length, i => sessions[i] = catalog.Get(path));
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);

        Assert.All(sessions, s => Assert.Same(sessions[0], s));
        Assert.Same(sessions[0], catalog.Get(relative));
        Assert.Throws<FileNotFoundException>(() => catalog.Get(Path.Combine(Directory, "absent.onnx")));
    }

    [Fact]
    public void Disposed_session_refuses_to_run()
    {
        var session = new OnnxModelSession(ImageModel());
        session.Dispose();

        Assert.Throws<ObjectDisposedException>(() => session.Run(Image(1)));
    }
}
