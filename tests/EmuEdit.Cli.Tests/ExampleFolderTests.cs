using EmuEdit.Cli.Client;

namespace EmuEdit.Cli.Tests;

public class ExampleFolderTests
{
    [Fact]
    public void ReadsEachStemsInputOutputAndInstructionInOrder()
    {
        var folder = Directory.CreateTempSubdirectory("emuedit-examples-");
        try
        {
            foreach (var stem in new[] { "b", "a" })
            {
                File.WriteAllBytes(Path.Combine(folder.FullName, $"{stem}.input.png"), [1, 2]);
                File.WriteAllBytes(Path.Combine(folder.FullName, $"{stem}.output.jpg"), [3]);
                File.WriteAllText(Path.Combine(folder.FullName, $"{stem}.txt"), $"  trace {stem}\n");
            }
            var examples = ExampleFolder.Read(folder);
            Assert.Equal(["trace a", "trace b"], examples.Select(e => e.Instruction));
            Assert.Equal([1, 2], examples[0].Input.Data.ToByteArray());
            Assert.Equal([3], examples[0].Output.Data.ToByteArray());

            File.Delete(Path.Combine(folder.FullName, "a.output.jpg"));
            Assert.Contains("no output image", Assert.Throws<FileNotFoundException>(() => ExampleFolder.Read(folder)).Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
