using EmuEdit.Contracts.V1;
using EmuEdit.Gateway.Hosting;
using EmuEdit.Gateway.Sessions;
using EmuEdit.Gateway.Tasks;
using EmuEdit.Gateway.Validation;
using EmuEdit.Queue;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using StackExchange.Redis;

namespace EmuEdit.Gateway.Tests;

public sealed class SmallRulesTests
{
    [Theory]
    [InlineData("")]
    [InlineData(" \t ")]
    public void Blank_instructions_are_invalid(string instruction) =>
        Assert.Throws<RpcException>(() => new InstructionRules(new GatewayOptions()).Accept(instruction));

    [Fact]
    public void Instructions_over_the_limit_are_invalid_and_others_trimmed()
    {
        var rules = new InstructionRules(new GatewayOptions { MaxInstructionLength = 5 });
        Assert.Contains("6 characters", Assert.Throws<RpcException>(() => rules.Accept("abcdef")).Status.Detail);
        Assert.Equal("abc", rules.Accept(" abc "));
    }

    [Fact]
    public void A_blank_canvas_blends_alpha_over_white_and_checks_its_size()
    {
        var canvas = new BlankCanvas(new GatewayOptions());
        AcceptedImage image = canvas.Create(new BlankImage { Width = 16, Height = 8, Rgba = 0x00000080 });
        using (var decoded = SixLabors.ImageSharp.Image.Load<Rgb24>(image.Png))
        {
            Assert.Equal(new Rgb24(127, 127, 127), decoded[3, 3]);
        }
        using (var white = SixLabors.ImageSharp.Image.Load<Rgb24>(canvas.Create(new BlankImage { Width = 8, Height = 8 }).Png))
        {
            Assert.Equal(new Rgb24(255, 255, 255), white[0, 0]);
        }
        Assert.Throws<RpcException>(() => canvas.Create(new BlankImage { Width = 12, Height = 8 }));
        Assert.Throws<RpcException>(() => canvas.Create(new BlankImage { Width = 2048, Height = 8 }));
    }

    [Fact]
    public void Registered_task_metadata_is_read_leniently()
    {
        TaskInfo full = RegisteredTaskMetadata.ToTaskInfo(new TaskRegistration("sepia", new byte[4],
            """{"description":"d","example_instructions":["a","b"],"createdAt":"2026-11-26T10:00:00Z","exampleCount":3,"metrics":{"finalLoss":0.5,"validation":{"successRate":0.25}},"someday":1}""")
        { Version = 2 });
        Assert.Equal(("d", 2, false), (full.Description, full.ExampleInstructions.Count, full.BuiltIn));
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero), full.CreatedAt.ToDateTimeOffset());
        Assert.Equal((TaskSource.Inversion, 2L, 3, 0.5, 0.25), (full.Source, full.Version, full.ExampleCount, full.Metrics.FinalLoss, full.Metrics.Validation.SuccessRate));
        Assert.Equal("odd", RegisteredTaskMetadata.ToTaskInfo(new TaskRegistration("odd", new byte[4], "[1,2]")).Name);
        Assert.Equal("typed", RegisteredTaskMetadata.ToTaskInfo(new TaskRegistration("typed", new byte[4], """{"description":5}""")).Name);
    }

    [Fact]
    public void The_tasks_file_must_name_tasks()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """{"tasks":["local","remove"]}""");
            Assert.Equal(["local", "remove"], TaskNamesFileReader.Load(path));
            File.WriteAllText(path, """{"tasks":[]}""");
            Assert.Throws<InvalidDataException>(() => TaskNamesFileReader.Load(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Impossible_options_fail_at_start()
    {
        Assert.Throws<ArgumentException>(() => new GatewayOptions { MaxImageBytes = 20, MaxReceiveMessageBytes = 10 }.Validate());
        Assert.Throws<ArgumentException>(() => new GatewayOptions { DefaultSteps = 300 }.Validate());
        Assert.Throws<GatewayConfigurationException>(() => new ModelFolderOptions { Directory = "/no/such/folder" }.Validate());
        new GatewayOptions().Validate();
    }

    [Fact]
    public void An_overlong_id_is_refused_and_a_long_value_is_quoted_short()
    {
        Assert.Equal("0123", RequestErrors.RequireId("0123", "edit_id"));
        RpcException refused = Assert.Throws<RpcException>(() => RequestErrors.RequireId(new string('e', RequestErrors.MaxIdLength + 1), "edit_id"));
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.True(refused.Status.Detail.Length < 100, refused.Status.Detail);

        Assert.Equal("sepia", RequestErrors.Echo("sepia"));
        string quoted = RequestErrors.Echo(new string('t', 100_000));
        Assert.True(quoted.Length < 120, quoted);
        Assert.EndsWith("(100000 characters)", quoted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_full_queue_is_resource_exhausted()
    {
        var interceptor = new ErrorStatusInterceptor(NullLogger<ErrorStatusInterceptor>.Instance);
        var context = new FakeCallContext("/emuedit.v1.EditingService/SubmitEdit");
        RpcException error = await Assert.ThrowsAsync<RpcException>(() =>
            interceptor.UnaryServerHandler<string, string>("request", context, (_, _) => throw new QueueFullException(1000, 1000)));
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("queue is full", error.Status.Detail);
    }

    private static Exception QueueServerFailure(string kind) => kind switch
    {
        "unreachable" => new RedisConnectionException(ConnectionFailureType.UnableToConnect, "no route"),
        "timeout" => new RedisTimeoutException("timed out", CommandStatus.Sent),
        "restarting" => new RedisServerException("LOADING Redis is loading the dataset in memory"),
        "failing over" => new RedisServerException("READONLY You can't write against a read only replica."),
        "race" => new RedisException("The idempotency key expired during the enqueue; retry."),
        "out of memory" => new RedisServerException("OOM command not allowed when used memory > 'maxmemory'."),
        "out of memory in a transaction" => new RedisServerException("EXECABORT Transaction discarded because of previous errors."),
        "wrong type" => new RedisServerException("WRONGTYPE Operation against a key holding the wrong kind of value"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    [Theory]
    [InlineData("unreachable", "Unavailable")]
    [InlineData("timeout", "Unavailable")]
    [InlineData("restarting", "Unavailable")]
    [InlineData("failing over", "Unavailable")]
    [InlineData("race", "Unavailable")]
    [InlineData("out of memory", "ResourceExhausted")]
    [InlineData("out of memory in a transaction", "ResourceExhausted")]
    // A refusal that would repeat on a retry is not passed off as a blip: it leaves untranslated.
    [InlineData("wrong type", "untranslated")]
    public async Task Queue_server_failures_get_the_status_that_says_whether_to_retry(string kind, string expected)
    {
        var interceptor = new ErrorStatusInterceptor(NullLogger<ErrorStatusInterceptor>.Instance);
        var context = new FakeCallContext("/emuedit.v1.EditingService/SubmitEdit");
        Exception failure = QueueServerFailure(kind);
        Exception error = await Assert.ThrowsAnyAsync<Exception>(() =>
            interceptor.UnaryServerHandler<string, string>("request", context, (_, _) => throw failure));
        if (expected == "untranslated") Assert.Same(failure, error);
        else Assert.Equal(Enum.Parse<StatusCode>(expected), Assert.IsType<RpcException>(error).StatusCode);
    }

    [Fact]
    public async Task A_registry_write_that_lost_every_race_is_aborted()
    {
        var interceptor = new ErrorStatusInterceptor(NullLogger<ErrorStatusInterceptor>.Instance);
        var context = new FakeCallContext("/emuedit.v1.TaskService/RegisterTask");
        RpcException error = await Assert.ThrowsAsync<RpcException>(() =>
            interceptor.UnaryServerHandler<string, string>("request", context, (_, _) => throw new TaskRegistryContentionException("sepia", 10)));
        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Contains("sepia", error.Status.Detail);
    }
}
