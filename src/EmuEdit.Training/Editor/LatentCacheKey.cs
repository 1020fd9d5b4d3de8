namespace EmuEdit.Training.Editor;

/// <summary>What a latent cache was made from; a cache is reused only when every field matches.</summary>
public sealed record LatentCacheKey(int ExamplesPerTask, long DataSeed, int ImageSize, string AutoencoderSha256, IReadOnlyList<string> Tasks)
{
    public bool Matches(LatentCacheKey other) =>
        ExamplesPerTask == other.ExamplesPerTask && DataSeed == other.DataSeed && ImageSize == other.ImageSize &&
        AutoencoderSha256 == other.AutoencoderSha256 && Tasks.SequenceEqual(other.Tasks);
}
