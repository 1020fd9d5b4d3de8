using EmuEdit.Data.Instructions;
using EmuEdit.Data.Randomness;
using EmuEdit.Data.Rendering;
using EmuEdit.Data.Scenes;

namespace EmuEdit.Data.Tasks;

/// <summary>What a task generator needs for one attempt: its random stream and the shared tools.</summary>
public sealed class TaskContext(Rng rng, bool heldOutPhrasing, SceneSampler sampler, SceneRenderer renderer, ReferenceOptions references, float minVisibleFraction)
{
    public Rng Rng { get; } = rng;
    public bool HeldOutPhrasing { get; } = heldOutPhrasing;
    public SceneSampler Sampler { get; } = sampler;
    public SceneRenderer Renderer { get; } = renderer;
    public ReferenceOptions References { get; } = references;

    public Phrasing Phrase(PhraseBank bank, params (string Slot, string Value)[] values) =>
        bank.Realise(Rng, HeldOutPhrasing, values.ToDictionary(v => v.Slot, v => v.Value));

    /// <summary>
    /// A random object that is mostly visible, with a referring expression that identifies it alone;
    /// null when the scene has none (all hidden or all ambiguous).
    /// </summary>
    public (SceneObject Target, ReferringExpression Ref)? PickReferent(Scene scene, Func<SceneObject, bool>? eligible = null)
    {
        if (scene.Objects.Count == 0) return null;
        var layers = Renderer.Layers(scene);
        var order = scene.Objects.ToList();
        Rng.Shuffle(order);
        foreach (var o in order)
        {
            if (eligible is not null && !eligible(o)) continue;
            if (layers.VisibleFraction(o.Id) < minVisibleFraction) continue;
            if (ReferringExpressions.Pick(scene, o, Rng, References) is { } r) return (o, r);
        }
        return null;
    }
}
