namespace EmuEdit.Data.Generation;

/// <summary>
/// Dataset splits. Each has its own random streams, so the same numeric seed never gives the same
/// example in two splits. <see cref="Benchmark"/> uses the held-out phrasings; <see cref="FewShot"/> is
/// the only split that may hold unseen tasks.
/// </summary>
public enum Split
{
    Train,
    Validation,
    Benchmark,
    FewShot,
}
