using EmuEdit.Data.Instructions;
using EmuEdit.Data.Scenes;

namespace EmuEdit.Data.Tasks;

/// <summary>Unseen composite task: add an object and draw a detection box around it.</summary>
public sealed class AddDetectTask : ITaskGenerator
{
    public string Task => EditTasks.AddDetect;

    internal static readonly PhraseBank Bank = new("add_detect",
        ["add {thing} {where} and draw a box around it", "put {thing} {where}, then mark it with a bounding box", "insert {thing} {where} and detect it"],
        ["place {thing} {where} and frame it with a rectangle", "drop {thing} {where} and box it"]);

    public IReadOnlyList<PhraseBank> Phrasings { get; } = [Bank];

    public EditDraft? Draft(TaskContext ctx)
    {
        var draft = AddTask.Plan(ctx, Bank, out var added);
        if (draft is null || added is null) return null;
        return draft with
        {
            Output = draft.Output.WithEffect(new SceneEffect { Kind = EffectKind.Box, ObjectId = added.Id }),
            Claim = draft.Claim with { Kind = ClaimKind.AddAndAnnotate, Effect = EffectKind.Box },
        };
    }
}
