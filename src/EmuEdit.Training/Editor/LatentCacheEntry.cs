namespace EmuEdit.Training.Editor;

/// <summary>One cached training example: its row in latents.bin holds the input latent then the target latent.</summary>
public sealed record LatentCacheEntry(int TaskIndex, long Seed, string Instruction);
