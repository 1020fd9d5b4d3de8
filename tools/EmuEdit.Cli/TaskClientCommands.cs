using System.CommandLine;
using System.Globalization;
using EmuEdit.Cli.Client;
using EmuEdit.Contracts.V1;
using Spectre.Console;

namespace EmuEdit.Cli;

/// <summary>`emuedit client register|delete-task`: task inversion through a running gateway (admin key; docs/api.md, "TaskService").</summary>
public static class TaskClientCommands
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public static Command Register()
    {
        var gateway = GatewayConnection.GatewayOption();
        var apiKey = GatewayConnection.ApiKeyOption();
        var name = new Option<string>("--name") { Description = "The new task's name (letters, digits, '-', '_', '.').", Required = true };
        var description = new Option<string?>("--description") { Description = "What the task does, for ListTasks." };
        var examples = new Option<DirectoryInfo>("--examples") { Description = "Folder of examples: STEM.input.png, STEM.output.png, STEM.txt (the instruction).", Required = true };
        var heldOut = new Option<DirectoryInfo?>("--held-out") { Description = "Folder of held-out examples, edited afterwards to measure the task." };
        var steps = new Option<int?>("--steps") { Description = "Optimiser steps (server default when unset)." };
        var learningRate = new Option<double?>("--learning-rate") { Description = "Adam learning rate of the task vector." };
        var initialisation = new Option<string?>("--init") { Description = "Where the vector starts: mean (of the built-in tasks), zero, or task (with --initial-task)." };
        var initialTask = new Option<string?>("--initial-task") { Description = "The built-in task whose vector to start from (--init task)." };
        var seed = new Option<ulong?>("--seed") { Description = "Seed of every random draw; unset = random." };
        var batchSize = new Option<int?>("--batch-size") { Description = "Examples per optimiser step." };
        var validationSteps = new Option<int?>("--validation-steps") { Description = "Sampler steps of each held-out edit." };
        var cmd = new Command("register", "Register a new task learned from examples (task inversion) and wait for it.")
        {
            gateway, apiKey, name, description, examples, heldOut, steps, learningRate, initialisation, initialTask, seed, batchSize, validationSteps,
        };
        cmd.SetAction((parse, cancellationToken) => ClientErrors.Guarded(async () =>
        {
            var options = new InversionOptions();
            if (parse.GetValue(steps) is { } s) options.Steps = s;
            if (parse.GetValue(learningRate) is { } lr) options.LearningRate = lr;
            if (parse.GetValue(initialisation) is { } init) options.Initialisation = Initialisation(init);
            if (parse.GetValue(initialTask) is { } task) options.InitialTask = task;
            if (parse.GetValue(seed) is { } n) options.Seed = n;
            if (parse.GetValue(batchSize) is { } b) options.BatchSize = b;
            if (parse.GetValue(validationSteps) is { } v) options.ValidationSteps = v;
            var request = new RegisterTaskRequest
            {
                Name = parse.GetValue(name)!,
                Description = parse.GetValue(description) ?? string.Empty,
                Examples = { ExampleFolder.Read(parse.GetValue(examples)!) },
                Options = options,
            };
            if (parse.GetValue(heldOut) is { } folder) request.HeldOutExamples.AddRange(ExampleFolder.Read(folder));

            using GatewayConnection connection = GatewayConnection.Open(parse.GetValue(gateway)!, parse.GetValue(apiKey));
            var client = new TaskService.TaskServiceClient(connection.Calls);
            RegisterTaskResponse response = await client.RegisterTaskAsync(request, cancellationToken: cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"registration [bold]{response.RegistrationId}[/]: {request.Examples.Count} examples, {request.HeldOutExamples.Count} held out");
            RegistrationStatus status = await FollowAsync(client, response.RegistrationId, cancellationToken);
            if (status.State != JobState.Succeeded)
            {
                Console.Error.WriteLine($"error: registration {status.State}: {status.Error}");
                return 1;
            }
            TaskInfo stored = status.Task;
            AnsiConsole.MarkupLineInterpolated(
                $"task [bold]{stored.Name}[/] version {stored.Version}: final loss {stored.Metrics.FinalLoss.ToString("G4", CultureInfo.InvariantCulture)}");
            if (stored.Metrics.Validation is { Examples: > 0 } validation)
                AnsiConsole.MarkupLineInterpolated(
                    $"held out: {validation.Examples} examples, L1 to target {validation.L1ToTarget.ToString("F4", CultureInfo.InvariantCulture)}, success {validation.SuccessRate:P0}");
            return 0;
        }));
        return cmd;
    }

    public static Command DeleteTask()
    {
        var gateway = GatewayConnection.GatewayOption();
        var apiKey = GatewayConnection.ApiKeyOption();
        var name = new Option<string>("--name") { Description = "The learned task to delete.", Required = true };
        var cmd = new Command("delete-task", "Delete a learned task from the registry (built-in tasks cannot be deleted).") { gateway, apiKey, name };
        cmd.SetAction((parse, cancellationToken) => ClientErrors.Guarded(async () =>
        {
            using GatewayConnection connection = GatewayConnection.Open(parse.GetValue(gateway)!, parse.GetValue(apiKey));
            DeleteTaskResponse response = await new TaskService.TaskServiceClient(connection.Calls)
                .DeleteTaskAsync(new DeleteTaskRequest { Name = parse.GetValue(name)! }, cancellationToken: cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"deleted; registry version {response.RegistryVersion}");
            return 0;
        }));
        return cmd;
    }

    private static TaskInitialisation Initialisation(string value) => value.ToLowerInvariant() switch
    {
        "mean" => TaskInitialisation.Mean,
        "zero" => TaskInitialisation.Zero,
        "task" => TaskInitialisation.Task,
        _ => throw new ArgumentException($"--init '{value}' is not mean, zero or task."),
    };

    /// <summary>Polls the registration until it ends, with a bar over the optimiser's steps.</summary>
    private static async Task<RegistrationStatus> FollowAsync(TaskService.TaskServiceClient client, string registrationId, CancellationToken cancellationToken)
    {
        RegistrationStatus status = null!;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                ProgressTask bar = context.AddTask("queued", maxValue: 1);
                bar.IsIndeterminate = true;
                while (true)
                {
                    status = await client.GetTaskRegistrationAsync(new GetTaskRegistrationRequest { RegistrationId = registrationId }, cancellationToken: cancellationToken);
                    if (status.TotalSteps > 0)
                    {
                        bar.IsIndeterminate = false;
                        bar.MaxValue = status.TotalSteps;
                        bar.Value = status.Step;
                        bar.Description = $"step {status.Step}/{status.TotalSteps}, loss {status.Loss.ToString("G4", CultureInfo.InvariantCulture)}";
                    }
                    else
                    {
                        bar.Description = status.State == JobState.Queued ? $"queued, {status.QueuePosition} ahead" : status.State.ToString().ToLowerInvariant();
                    }
                    if (status.State is JobState.Succeeded or JobState.Failed or JobState.Cancelled) break;
                    await Task.Delay(PollInterval, cancellationToken);
                }
                bar.Value = bar.MaxValue;
            });
        return status;
    }
}
