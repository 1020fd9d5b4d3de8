using System.CommandLine;
using EmuEdit.Cli.Client;
using EmuEdit.Contracts.V1;
using Google.Protobuf;
using Grpc.Core;
using Spectre.Console;

namespace EmuEdit.Cli;

/// <summary>`emuedit client ...`: talk to a running gateway (docs/api.md, docs/running.md).</summary>
public static class ClientCommands
{
    public static Command Create()
    {
        var client = new Command("client", "Call a running EmuEdit gateway over gRPC.");
        client.Subcommands.Add(Edit());
        client.Subcommands.Add(Tasks());
        client.Subcommands.Add(TaskClientCommands.Register());
        client.Subcommands.Add(TaskClientCommands.DeleteTask());
        return client;
    }

    private static Command Edit()
    {
        var gateway = GatewayConnection.GatewayOption();
        var apiKey = GatewayConnection.ApiKeyOption();
        var image = new Option<FileInfo>("--image") { Description = "Input PNG or JPEG.", Required = true };
        var instruction = new Option<string>("--instruction") { Description = "What to change, in plain language.", Required = true };
        var output = new Option<FileInfo>("--output", "-o") { Description = "Where to write the result (.png, or .jpg/.jpeg for JPEG).", Required = true };
        var task = new Option<string?>("--task") { Description = "A task name from `emuedit client tasks`; unset = the task predictor picks." };
        var steps = new Option<int?>("--steps") { Description = "Denoising steps (server default when unset)." };
        var seed = new Option<ulong?>("--seed") { Description = "Noise seed; unset = random, printed so the edit can be repeated." };
        var imageGuidance = new Option<float?>("--image-guidance") { Description = "gamma_I: how closely to keep the input image." };
        var textGuidance = new Option<float?>("--text-guidance") { Description = "gamma_T: how strongly to follow the instruction." };
        var threshold = new Option<float?>("--threshold") { Description = "Keep the input's pixel where the edit changed less than this, 0..1 (0 = off)." };
        var cmd = new Command("edit", "Edit an image by an instruction, showing progress; Ctrl+C cancels the edit.")
        {
            gateway, apiKey, image, instruction, output, task, steps, seed, imageGuidance, textGuidance, threshold,
        };
        cmd.SetAction((parse, cancellationToken) => ClientErrors.Guarded(async () =>
        {
            FileInfo target = parse.GetValue(output)!;
            var parameters = new EditParameters { OutputFormat = FormatFor(target) };
            if (parse.GetValue(task) is { } t) parameters.Task = t;
            if (parse.GetValue(steps) is { } s) parameters.Steps = s;
            if (parse.GetValue(seed) is { } n) parameters.Seed = n;
            if (parse.GetValue(imageGuidance) is { } gi) parameters.ImageGuidanceScale = gi;
            if (parse.GetValue(textGuidance) is { } gt) parameters.TextGuidanceScale = gt;
            if (parse.GetValue(threshold) is { } alpha) parameters.Threshold = alpha;
            var request = new EditRequest
            {
                Image = new Image { Data = ByteString.CopyFrom(await File.ReadAllBytesAsync(parse.GetValue(image)!.FullName, cancellationToken)) },
                Instruction = parse.GetValue(instruction)!,
                Parameters = parameters,
            };

            using GatewayConnection connection = GatewayConnection.Open(parse.GetValue(gateway)!, parse.GetValue(apiKey));
            EditResult result = await RunWithProgressAsync(new EditingService.EditingServiceClient(connection.Calls), request, cancellationToken);
            await File.WriteAllBytesAsync(target.FullName, result.Image.Data.ToByteArray(), cancellationToken);
            AnsiConsole.MarkupLineInterpolated(
                $"wrote [bold]{target.FullName}[/] ({result.Image.Width}x{result.Image.Height}); task {result.Task} (p = {result.TaskProbability:F2}), seed {result.Seed}, {result.Steps} steps");
            return 0;
        }));
        return cmd;
    }

    private static async Task<EditResult> RunWithProgressAsync(EditingService.EditingServiceClient client, EditRequest request, CancellationToken cancellationToken)
    {
        EditResult? result = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                ProgressTask bar = context.AddTask("submitting", maxValue: 1);
                bar.IsIndeterminate = true;
                using AsyncServerStreamingCall<EditEvent> call = client.Edit(request, cancellationToken: cancellationToken);
                await foreach (EditEvent e in call.ResponseStream.ReadAllAsync(cancellationToken))
                {
                    switch (e.EventCase)
                    {
                        case EditEvent.EventOneofCase.Accepted:
                            bar.Description = $"accepted {e.EditId}";
                            break;
                        case EditEvent.EventOneofCase.Queued:
                            bar.Description = $"queued, {e.Queued.Position} ahead";
                            break;
                        case EditEvent.EventOneofCase.Started:
                            bar.Description = e.Started.Attempt > 1 ? $"running (attempt {e.Started.Attempt})" : "running";
                            bar.Value = 0;
                            break;
                        case EditEvent.EventOneofCase.Progress:
                            bar.IsIndeterminate = false;
                            bar.MaxValue = e.Progress.TotalSteps;
                            bar.Value = e.Progress.Step;
                            bar.Description = $"step {e.Progress.Step}/{e.Progress.TotalSteps}";
                            break;
                        case EditEvent.EventOneofCase.Result:
                            result = e.Result;
                            bar.Description = "done";
                            bar.Value = bar.MaxValue;
                            break;
                    }
                }
            });
        return result ?? throw new InvalidOperationException("The gateway ended the stream without a result.");
    }

    private static Command Tasks()
    {
        var gateway = GatewayConnection.GatewayOption();
        var apiKey = GatewayConnection.ApiKeyOption();
        var cmd = new Command("tasks", "List the tasks the model knows: built-in ones and those learned by task inversion.") { gateway, apiKey };
        cmd.SetAction((parse, cancellationToken) => ClientErrors.Guarded(async () =>
        {
            using GatewayConnection connection = GatewayConnection.Open(parse.GetValue(gateway)!, parse.GetValue(apiKey));
            ListTasksResponse response = await new EditingService.EditingServiceClient(connection.Calls).ListTasksAsync(new ListTasksRequest(), cancellationToken: cancellationToken);
            var table = new Table().AddColumns("task", "kind", "version", "examples", "success", "description", "example");
            foreach (TaskInfo task in response.Tasks)
            {
                table.AddRow(
                    Markup.Escape(task.Name),
                    task.BuiltIn ? "built-in" : "learned",
                    task.BuiltIn ? string.Empty : task.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    task.BuiltIn ? string.Empty : task.ExampleCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    task.Metrics?.Validation is { Examples: > 0 } v ? $"{v.SuccessRate:P0} of {v.Examples}" : string.Empty,
                    Markup.Escape(task.Description),
                    Markup.Escape(task.ExampleInstructions.FirstOrDefault() ?? string.Empty));
            }
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLineInterpolated($"registry version {response.RegistryVersion}");
            return 0;
        }));
        return cmd;
    }

    private static ImageFormat FormatFor(FileInfo output) =>
        output.Extension.ToLowerInvariant() is ".jpg" or ".jpeg" ? ImageFormat.Jpeg : ImageFormat.Png;
}
