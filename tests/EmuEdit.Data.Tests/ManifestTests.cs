using EmuEdit.Data.Generation;
using EmuEdit.Data.Imaging;
using EmuEdit.Data.Storage;

namespace EmuEdit.Data.Tests;

public sealed class ManifestTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emuedit-manifest-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Written_datasets_read_back_exactly()
    {
        int n = DatasetWriter.Write(_dir, TestData.Generator, ["local", "text", "depth2image"], Split.Train, 10, 3);
        Assert.Equal(9, n);
        var records = ManifestReader.Read(Path.Combine(_dir, DatasetWriter.ManifestName));
        Assert.Equal(9, records.Count);
        foreach (var r in records)
        {
            var e = TestData.Generator.Generate(r.Task, r.Seed!.Value, Split.Train);
            Assert.Equal(e.Instruction, r.Instruction);
            Assert.Equal(e.OutputCaption, r.OutputCaption);
            Assert.True(e.Input.PixelsEqual(r.LoadInput()));
            Assert.True(e.Target.PixelsEqual(r.LoadOutput()));
            Assert.Equal(e.Mask.Data, r.LoadMask()!.Data);
            Assert.Equal(Scenes.SceneJson.Serialize(e.OutputScene), Scenes.SceneJson.Serialize(r.OutputScene!));
        }
    }

    [Fact]
    public void Malformed_lines_are_reported_with_their_number_and_problem()
    {
        new RgbImage(8, 8).SavePng(Path.Combine(_dir, "a.png"));
        var lines = new[]
        {
            """{"input":"a.png","output":"a.png","instruction":"make it red","task":"local","input_caption":"x","output_caption":"y"}""",
            "{\"input\":\"a.png\",\"output\":\"a.png\",\"instruction\":\"make it red\",\"task\":\"local\"",
            """["a.png"]""",
            """{"input":"a.png","output":"a.png","task":"local"}""",
            """{"input":3,"output":"a.png","instruction":"i","task":"local"}""",
            """{"input":"a.png","output":"a.png","instruction":"i","task":"paint"}""",
            """{"input":"a.png","output":"missing.png","instruction":"i","task":"local"}""",
            "",
            """{"input":"a.png","output":"a.png","instruction":"  ","task":"local"}""",
            """{"input":"a.png","output":"a.png","instruction":"i","task":"local","input_caption":5}""",
            """{"input":"a.png","output":"a.png","instruction":"i","task":"local","seed":"x"}""",
        };
        var path = Path.Combine(_dir, "user.jsonl");
        File.WriteAllLines(path, lines);
        var result = ManifestReader.Validate(path);
        Assert.Single(result.Records);
        Assert.Equal(9, result.Errors.Count);
        string Error(int line) => Assert.Single(result.Errors, e => e.Contains($":line {line}:"));
        Assert.Contains("not valid JSON", Error(2));
        Assert.Contains("expected a JSON object, found an array", Error(3));
        Assert.Contains("missing required field 'instruction'", Error(4));
        Assert.Contains("field 'input' must be a string, found a number", Error(5));
        Assert.Contains("unknown task 'paint'", Error(6));
        Assert.Contains("output image 'missing.png' not found", Error(7));
        Assert.Contains("field 'instruction' is empty", Error(9));
        Assert.Contains("field 'input_caption' must be a string", Error(10));
        Assert.Contains("field 'seed' must be an integer", Error(11));

        var ex = Assert.Throws<ManifestException>(() => ManifestReader.Read(path));
        Assert.Equal(9, ex.Errors.Count);
        var streamed = Assert.Throws<ManifestException>(() => ManifestReader.Stream(path).ToList());
        Assert.Contains(":line 2:", streamed.Message);
    }

    [Fact]
    public void A_users_minimal_manifest_reads()
    {
        new RgbImage(8, 8, new Rgb(1, 0, 0)).SavePng(Path.Combine(_dir, "in.png"));
        new RgbImage(8, 8, new Rgb(0, 0, 1)).SavePng(Path.Combine(_dir, "out.png"));
        var path = Path.Combine(_dir, "real.jsonl");
        File.WriteAllText(path, """{"input":"in.png","output":"out.png","instruction":"make it blue","task":"global","input_caption":"red","output_caption":"blue"}""" + "\n");
        var r = Assert.Single(ManifestReader.Read(path));
        Assert.Equal(5, r.TaskIndex);
        Assert.Equal(new Rgb(0, 0, 1), r.LoadOutput()[3, 3]);
    }
}
