using EmuEdit.SentenceEncoding;

namespace EmuEdit.TaskPrediction.Tests;

/// <summary>The packaged all-MiniLM-L6-v2 encoder, copied beside the test binaries by the build.</summary>
internal static class PackagedEncoder
{
    internal const string Name = "all-MiniLM-L6-v2";

    internal static SentenceEncoder Shared => SentenceEncoders.Shared(SentenceEncoders.Locate(Name));
}
