namespace EmuEdit.Data.Tasks;

/// <summary>
/// One task's instruction agent and pair generator: samples a suitable scene, decides an edit, phrases
/// it. Returns null when the sampled scene cannot carry the edit (the generator then moves to the next
/// sub-seed, and the attempt counts as a rejection).
/// </summary>
public interface ITaskGenerator
{
    string Task { get; }

    /// <summary>Every phrase bank this agent draws from (for leak tests and docs).</summary>
    IReadOnlyList<Instructions.PhraseBank> Phrasings { get; }

    EditDraft? Draft(TaskContext context);
}
