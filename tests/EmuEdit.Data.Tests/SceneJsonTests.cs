using EmuEdit.Data.Randomness;
using EmuEdit.Data.Scenes;
using EmuEdit.Data.Tasks;

namespace EmuEdit.Data.Tests;

public class SceneJsonTests
{
    [Fact]
    public void Scenes_round_trip_and_re_render_identically()
    {
        var sampler = new SceneSampler();
        var renderer = TestData.Generator.Renderer;
        var scenes = Enumerable.Range(0, 40).Select(i => sampler.Sample(new Rng((ulong)i))).ToList();
        // Scenes from examples add effects, modalities, holes and poses.
        foreach (var task in EditTasks.All)
        {
            var e = TestData.Generator.Generate(task, 1, TestData.SplitFor(task));
            scenes.Add(e.InputScene);
            scenes.Add(e.OutputScene);
        }
        foreach (var scene in scenes)
        {
            string json = SceneJson.Serialize(scene);
            var back = SceneJson.Deserialize(json);
            Assert.Equal(json, SceneJson.Serialize(back));
            Assert.True(renderer.Render(scene).PixelsEqual(renderer.Render(back)), $"re-render differs: {json}");
        }
    }

    [Fact]
    public void Example_targets_are_the_rendered_output_scene()
    {
        // The output scene JSON fully describes the target: region compositing only keeps unchanged pixels.
        foreach (var task in EditTasks.All)
            foreach (var e in TestData.Many(task, 5))
            {
                var rendered = TestData.Generator.Renderer.Render(SceneJson.Deserialize(SceneJson.Serialize(e.OutputScene))).Quantize();
                Assert.True(rendered.PixelsEqual(e.Target), $"{e.Id}: target is not the output scene");
                var input = TestData.Generator.Renderer.Render(e.InputScene).Quantize();
                Assert.True(input.PixelsEqual(e.Input), $"{e.Id}: input is not the input scene");
            }
    }

    [Fact]
    public void Scene_json_is_readable()
    {
        var scene = new Scene
        {
            Background = new BackgroundSpec { Kind = BackgroundKind.Landscape, Color = "blue", Color2 = "green", Sun = true },
            Objects = [new SceneObject { Id = 1, Kind = ShapeKind.Star, Color = "red", X = 0.5f, Y = 0.5f, Size = 0.1f, Texture = TextureKind.Dots, TextureColor = "white" }],
        };
        string json = SceneJson.Serialize(scene);
        Assert.Contains("\"kind\":\"star\"", json);
        Assert.Contains("\"texture\":\"dots\"", json);
        Assert.Contains("\"kind\":\"landscape\"", json);
    }
}
