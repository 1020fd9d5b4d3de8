using System.Security.Cryptography;
using EmuEdit.Contracts.V1;
using EmuEdit.Gateway.Validation;
using Google.Protobuf;

namespace EmuEdit.Gateway.Tasks;

/// <summary>
/// Turns a RegisterTask request into the registration job the inversion service runs, or refuses it with
/// INVALID_ARGUMENT (ALREADY_EXISTS for a built-in name) before anything is stored: every image is checked
/// against the limits and re-encoded as RGB PNG, each output must be its input's size, and every option is
/// resolved (a random seed drawn when unset) so a retried job learns the same vector.
/// </summary>
public sealed class RegistrationRequestReader(RegistrationOptions options, InstructionRules instructions, BuiltInTaskNames builtIn)
{
    private readonly ImageIntake _images = new(new ImageLimits(options.MaxImageBytes, options.MaxImageSide, options.MaxImagePixels));

    public TaskInversionJob Read(RegisterTaskRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string name = TaskNames.Canonical(request.Name, options.MaxNameLength);
        if (builtIn.Find(name) is { } taken)
            throw RequestErrors.AlreadyExists($"'{taken}' is a built-in task; built-in tasks cannot be replaced. Choose another name.");
        if (request.Description.Length > options.MaxDescriptionLength)
            throw RequestErrors.InvalidArgument($"description is {request.Description.Length} characters; the limit is {options.MaxDescriptionLength}.");
        if (request.Examples.Count == 0)
            throw RequestErrors.InvalidArgument("examples is empty: send at least one example (input image, instruction, output image) of the new task.");
        if (request.Examples.Count > options.MaxExamples)
            throw RequestErrors.InvalidArgument($"{request.Examples.Count} examples; the limit is {options.MaxExamples}.");
        if (request.HeldOutExamples.Count > options.MaxHeldOutExamples)
            throw RequestErrors.InvalidArgument($"{request.HeldOutExamples.Count} held_out_examples; the limit is {options.MaxHeldOutExamples}.");

        var job = new TaskInversionJob
        {
            Name = name,
            Description = request.Description.Trim(),
            Options = ResolveOptions(request.Options ?? new InversionOptions()),
        };
        job.Examples.AddRange(request.Examples.Select((e, i) => Example(e, $"examples[{i}]")));
        job.HeldOutExamples.AddRange(request.HeldOutExamples.Select((e, i) => Example(e, $"held_out_examples[{i}]")));
        int size = job.CalculateSize();
        if (size > options.MaxJobBytes)
            throw RequestErrors.InvalidArgument(
                $"the examples take {size} bytes once re-encoded as PNG; the limit is {options.MaxJobBytes}. Send fewer or smaller examples.");
        return job;
    }

    private TaskExample Example(TaskExample example, string field)
    {
        AcceptedImage input = _images.Accept(example.Input, $"{field}.input");
        AcceptedImage output = _images.Accept(example.Output, $"{field}.output");
        if ((input.Width, input.Height) != (output.Width, output.Height))
            throw RequestErrors.InvalidArgument($"{field}: the output is {output.Width}x{output.Height} pixels but the input {input.Width}x{input.Height}; they must be the same size.");
        return new TaskExample
        {
            Input = new Image { Data = ByteString.CopyFrom(input.Png), Format = ImageFormat.Png, Width = input.Width, Height = input.Height },
            Instruction = Instruction(example.Instruction, field),
            Output = new Image { Data = ByteString.CopyFrom(output.Png), Format = ImageFormat.Png, Width = output.Width, Height = output.Height },
        };
    }

    private string Instruction(string instruction, string field)
    {
        try
        {
            return instructions.Accept(instruction);
        }
        catch (Grpc.Core.RpcException error)
        {
            throw RequestErrors.InvalidArgument($"{field}.{error.Status.Detail}");
        }
    }

    private InversionOptions ResolveOptions(InversionOptions asked)
    {
        var resolved = new InversionOptions
        {
            Steps = asked.HasSteps ? InRange(asked.Steps, 1, options.MaxSteps, "options.steps") : options.DefaultSteps,
            LearningRate = asked.HasLearningRate ? LearningRate(asked.LearningRate) : options.DefaultLearningRate,
            BatchSize = asked.HasBatchSize ? InRange(asked.BatchSize, 1, options.MaxBatchSize, "options.batch_size") : options.DefaultBatchSize,
            Seed = asked.HasSeed ? asked.Seed : RandomSeed(),
            Initialisation = asked.Initialisation == TaskInitialisation.Unspecified ? TaskInitialisation.Mean : asked.Initialisation,
        };
        if (!Enum.IsDefined(resolved.Initialisation))
            throw RequestErrors.InvalidArgument($"options.initialisation {(int)asked.Initialisation} is not a TaskInitialisation.");
        if (resolved.Initialisation == TaskInitialisation.Task)
        {
            resolved.InitialTask = builtIn.Find(asked.InitialTask)
                ?? throw RequestErrors.InvalidArgument($"options.initial_task '{asked.InitialTask}' is not a built-in task. Built-in tasks: {string.Join(", ", builtIn.Names)}.");
        }
        else if (!string.IsNullOrEmpty(asked.InitialTask))
        {
            throw RequestErrors.InvalidArgument("options.initial_task is only used with TASK_INITIALISATION_TASK.");
        }
        if (asked.HasValidationSteps) resolved.ValidationSteps = InRange(asked.ValidationSteps, 1, options.MaxValidationSteps, "options.validation_steps");
        return resolved;
    }

    private double LearningRate(double value)
    {
        if (!(value > 0 && value <= options.MaxLearningRate))
            throw RequestErrors.InvalidArgument($"options.learning_rate must be within (0, {options.MaxLearningRate}], got {value}.");
        return value;
    }

    private static int InRange(int value, int min, int max, string field)
    {
        if (value < min || value > max) throw RequestErrors.InvalidArgument($"{field} must be within [{min}, {max}], got {value}.");
        return value;
    }

    private static ulong RandomSeed() => BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(sizeof(ulong)));
}
