using EmuEdit.Data.Filtering;
using EmuEdit.Data.Imaging;
using EmuEdit.Data.Instructions;
using EmuEdit.Data.Randomness;
using EmuEdit.Data.Rendering;
using EmuEdit.Data.Scenes;
using EmuEdit.Data.Tasks;

namespace EmuEdit.Data.Generation;

/// <summary>
/// Generates examples on the fly: scene → instruction agent → rendered pair with mask → filters, retrying
/// with the next sub-seed until an example passes. Deterministic: (task, seed, split) always gives the
/// same example. Thread-safe; one instance can serve parallel data-loader threads.
/// </summary>
public sealed class ExampleGenerator
{
    private readonly SceneSampler _sampler;
    private readonly SceneRenderer _renderer;
    private readonly ExampleFilter _filter;

    public ExampleGenerator(GeneratorOptions? options = null)
    {
        Options = options ?? new GeneratorOptions();
        _sampler = new SceneSampler(Options.Scene);
        _renderer = new SceneRenderer(Options.Render);
        _filter = new ExampleFilter(Options.Filter, Options.References);
    }

    public GeneratorOptions Options { get; }
    public GenerationStats Stats { get; } = new();
    public SceneRenderer Renderer => _renderer;
    public ExampleFilter Filter => _filter;

    /// <summary>The example for (task, seed, split). Unseen tasks are refused outside the few-shot and benchmark splits.</summary>
    public EditExample Generate(string task, long seed, Split split)
    {
        var generator = TaskRegistry.Get(task);
        CheckSplit(task, split);
        ulong stream = Rng.Mix(Rng.Hash(split.ToString()), Rng.Hash(task), (ulong)seed);
        for (int attempt = 0; attempt < Options.MaxAttempts; attempt++)
        {
            var rng = new Rng(Rng.Mix(stream, (ulong)attempt));
            var ctx = new TaskContext(rng, split == Split.Benchmark, _sampler, _renderer, Options.References, Options.Filter.MinVisibleFraction);
            var draft = generator.Draft(ctx);
            if (draft is null)
            {
                Stats.Reject(task, RejectionReason.Unusable);
                continue;
            }
            var result = Build(task, draft, out var rejection);
            if (result is null)
            {
                Stats.Reject(task, rejection!.Reason);
                continue;
            }
            Stats.Accept(task);
            var (input, target, mask) = result.Value;
            return new EditExample
            {
                Task = task, Split = split, Seed = seed, Attempt = attempt,
                Instruction = draft.Phrasing.Text, PhrasingId = draft.Phrasing.TemplateId, HeldOutPhrasing = draft.Phrasing.HeldOut,
                Input = input, Target = target, Mask = mask,
                InputCaption = Captioner.Caption(draft.Input), OutputCaption = Captioner.Caption(draft.Output),
                InputScene = draft.Input, OutputScene = draft.Output,
            };
        }
        throw new InvalidOperationException($"no {task} example passed the filters in {Options.MaxAttempts} attempts for seed {seed} ({split})");
    }

    /// <summary>
    /// An endless, deterministic stream for training on the fly: example n is task tasks[n % T] with
    /// seed firstSeed + n / T, so every task is equally represented and a run can resume at any n.
    /// </summary>
    public IEnumerable<EditExample> Stream(IReadOnlyList<string> tasks, Split split, long firstSeed = 0, long startAt = 0)
    {
        if (tasks.Count == 0) throw new ArgumentException("no tasks to stream", nameof(tasks));
        foreach (var task in tasks) CheckSplit(task, split);
        for (long n = startAt; ; n++)
            yield return Generate(tasks[(int)(n % tasks.Count)], firstSeed + n / tasks.Count, split);
    }

    /// <summary>Throws when a task may not appear in a split (unseen tasks stay out of training and validation).</summary>
    public static void CheckSplit(string task, Split split)
    {
        TaskRegistry.Get(task);
        if (EditTasks.IsUnseen(task) && split is Split.Train or Split.Validation)
            throw new ArgumentException($"'{task}' is an unseen task (paper §5.3): it never appears in the {split} split; use the few-shot or benchmark split");
    }

    /// <summary>Renders and filters a draft: the images and mask, or null with the reason it was rejected.</summary>
    public (RgbImage Input, RgbImage Target, GrayImage Mask)? Build(string task, EditDraft draft, out Rejection? rejection)
    {
        var before = _renderer.Layers(draft.Input);
        rejection = _filter.CheckDraft(draft, before);
        if (rejection is not null) return null;
        var after = _renderer.Layers(draft.Output);
        var input = _renderer.Render(draft.Input, before).Quantize();
        var edited = _renderer.Render(draft.Output, after).Quantize();
        var mask = MaskBuilder.Build(draft, before, after, input, edited, Options.Mask);
        var target = ImageOps.Composite(input, edited, mask).Quantize();
        rejection = _filter.CheckPixels(task, input, target, mask);
        return rejection is null ? (input, target, mask) : null;
    }
}
