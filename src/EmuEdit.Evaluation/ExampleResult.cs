namespace EmuEdit.Evaluation;

/// <summary>The scores of one benchmark example, tagged with its task and, where it has one, its Emu Edit benchmark category.</summary>
public sealed record ExampleResult(string Task, string? Category, EditScore Edit, EmbeddingScores Embeddings);
