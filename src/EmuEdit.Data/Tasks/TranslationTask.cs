using EmuEdit.Data.Instructions;
using EmuEdit.Data.Scenes;

namespace EmuEdit.Data.Tasks;

/// <summary>
/// X-to-image translation: the input is the scene shown as a sketch, depth map, normal map,
/// segmentation map or pose skeleton; the target is the picture; the instruction carries the caption
/// (colours cannot be read off a depth map, so the text must say them).
/// </summary>
public sealed class TranslationTask : ITaskGenerator
{
    private readonly Modality _from;
    private readonly PhraseBank _bank;

    private TranslationTask(string task, Modality from, PhraseBank bank)
    {
        Task = task;
        _from = from;
        _bank = bank;
    }

    public string Task { get; }

    public IReadOnlyList<PhraseBank> Phrasings => [_bank];

    /// <param name="nouns">Training names of the input modality (the {noun} slot); the first is the usual one.</param>
    /// <param name="heldOutNoun">The benchmark's name for it, written into the held-out templates only.</param>
    private static PhraseBank Bank(string name, string[] nouns, string heldOutNoun) => new(name,
        ["turn this {noun} into a picture of {caption}", "{generate} an image from this {noun}: {caption}", "{caption}, from the {noun}",
         "use the {noun} to {generate} {caption}", "{generate} a photo matching this {noun}. it shows {caption}",
         "here is a {noun}; {generate} the picture it shows: {caption}", "{generate} a natural-looking picture from the {noun}: {caption}",
         "{caption}, based on this {noun}", "what does this {noun} look like as a picture? {caption}", "make a photo out of this {noun}: {caption}",
         "turn the {noun} into {caption}", "fill in this {noun} to get {caption}"],
        [$"imagine the real scene behind this {heldOutNoun}: {{caption}}", $"bring this {heldOutNoun} to life as {{caption}}"],
        new()
        {
            ["generate"] = (["generate", "create", "render", "make", "produce", "paint"], ["synthesize"]),
            // No held-out nouns here: the held-out templates spell theirs out, so they draw no noun.
            ["noun"] = (nouns, []),
        });

    public static TranslationTask Sketch { get; } = new(EditTasks.Sketch2Image, Modality.Sketch,
        Bank("sketch2image", ["sketch", "pencil sketch", "rough drawing", "doodle", "drawing"], "line drawing"));
    public static TranslationTask Depth { get; } = new(EditTasks.Depth2Image, Modality.Depth,
        Bank("depth2image", ["depth map", "depth render", "distance map", "z-buffer", "depth estimate"], "depth image"));
    public static TranslationTask Normal { get; } = new(EditTasks.Normal2Image, Modality.Normal,
        Bank("normal2image", ["normal map", "normal vectors", "normal render", "orientation map", "bump map"], "surface normals"));
    public static TranslationTask Segmentation { get; } = new(EditTasks.Segmentation2Image, Modality.Segmentation,
        Bank("segmentation2image", ["segmentation map", "semantic map", "class map", "segmentation mask", "semantic segmentation", "region map",
             "category map", "annotation map", "semantic mask", "class mask", "parsing map", "scene parsing", "class layout", "segment map",
             "colour-coded region map", "semantic layout", "per-pixel class map", "instance map", "object class map", "category mask"], "label map"));
    public static TranslationTask Pose { get; } = new(EditTasks.Pose2Image, Modality.Pose,
        Bank("pose2image", ["pose map", "stick figure", "body pose", "pose estimate", "joint positions", "human pose"], "keypoint skeleton"));

    public EditDraft? Draft(TaskContext ctx)
    {
        var rng = ctx.Rng;
        var scene = ctx.Sampler.Sample(rng);
        // A pose map is most meaningful with a person in it; make sure most of them have one.
        if (_from == Modality.Pose && !scene.Objects.Any(o => o.Kind == ShapeKind.Person) && rng.Chance(0.7))
        {
            var person = ctx.Sampler.SampleObject(rng, scene, scene.NextId(), ShapeKind.Person);
            if (person is not null) scene = scene with { Objects = [.. scene.Objects, person] };
        }
        return new EditDraft
        {
            Input = scene with { Modality = _from },
            Output = scene,
            Phrasing = ctx.Phrase(_bank, ("caption", Captioner.Caption(scene))),
            Claim = new EditClaim { Kind = ClaimKind.Translate, From = _from, To = Modality.Image },
            Scope = MaskScope.Full,
        };
    }
}
