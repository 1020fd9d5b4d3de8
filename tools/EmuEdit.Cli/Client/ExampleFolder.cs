using EmuEdit.Contracts.V1;
using Google.Protobuf;

namespace EmuEdit.Cli.Client;

/// <summary>
/// Examples of a task on disk, one triple per stem: <c>STEM.input.png</c> (or .jpg/.jpeg), <c>STEM.output.png</c>
/// and <c>STEM.txt</c> holding the instruction. Stems are read in ordinal order.
/// </summary>
internal static class ExampleFolder
{
    private static readonly string[] ImageExtensions = [".png", ".jpg", ".jpeg"];

    public static IReadOnlyList<TaskExample> Read(DirectoryInfo folder)
    {
        if (!folder.Exists) throw new DirectoryNotFoundException($"The example folder {folder.FullName} does not exist.");
        var stems = folder.EnumerateFiles("*.txt").Select(f => Path.GetFileNameWithoutExtension(f.Name)).Order(StringComparer.Ordinal).ToList();
        if (stems.Count == 0) throw new ArgumentException($"{folder.FullName} holds no examples (STEM.input.png, STEM.output.png, STEM.txt).");
        return [.. stems.Select(stem => new TaskExample
        {
            Input = Image(folder, stem, "input"),
            Instruction = File.ReadAllText(Path.Combine(folder.FullName, stem + ".txt")).Trim(),
            Output = Image(folder, stem, "output"),
        })];
    }

    private static Image Image(DirectoryInfo folder, string stem, string part)
    {
        string? path = ImageExtensions.Select(e => Path.Combine(folder.FullName, $"{stem}.{part}{e}")).FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"Example '{stem}' in {folder.FullName} has no {part} image ({stem}.{part}.png or .jpg).");
        return new Image { Data = ByteString.CopyFrom(File.ReadAllBytes(path)) };
    }
}
