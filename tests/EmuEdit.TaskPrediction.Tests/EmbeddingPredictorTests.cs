using System.Text.Json.Nodes;
using EmuEdit.SentenceEncoding;

namespace EmuEdit.TaskPrediction.Tests;

/// <summary>A predictor with a sentence-embedding view: what it learns, and how it is saved and found again.</summary>
public class EmbeddingPredictorTests
{
    private static readonly string[] Tasks = ["remove", "color", "background"];
    private static readonly string[] Objects = ["red circle", "blue square", "green star", "small heart", "big triangle", "yellow ring"];

    private static List<LabelledInstruction> Corpus()
    {
        var list = new List<LabelledInstruction>();
        foreach (var o in Objects)
        {
            list.Add(new($"remove the {o}", "remove"));
            list.Add(new($"delete the {o} from the picture", "remove"));
            list.Add(new($"erase the {o}", "remove"));
            list.Add(new($"make the image brighter around the {o}", "color"));
            list.Add(new($"increase the contrast near the {o}", "color"));
            list.Add(new($"blur the whole picture with the {o}", "color"));
            list.Add(new($"change the background behind the {o} to a beach", "background"));
            list.Add(new($"put the {o} in front of a forest background", "background"));
            list.Add(new($"use a desert as the background of the {o}", "background"));
        }
        return list;
    }

    private static TaskPredictor Trained(SentenceEncoder? encoder) =>
        TaskPredictorTrainer.Train(Corpus(), Tasks, new TrainerOptions { MinFeatureCount = 1, Epochs = 20 }, encoder: encoder);

    // Wordings that share no word with the training set: only a model that knows what words mean gets them.
    private static readonly (string Instruction, string Task)[] Unseen =
    [
        ("make the purple hexagon vanish", "remove"),
        ("illuminate the photo", "color"),
        ("set it against a snowy mountain landscape", "background"),
    ];

    [Fact]
    public void The_embedding_carries_wordings_the_ngrams_never_saw()
    {
        var withEncoder = Trained(PackagedEncoder.Shared);
        Assert.Equal(1.0, TaskPredictorReport.Evaluate(withEncoder, Corpus()).Accuracy);
        foreach (var (instruction, task) in Unseen) Assert.Equal(task, withEncoder.Predict(instruction).Task);
        Assert.NotNull(withEncoder.Encoder);
        Assert.Equal(PackagedEncoder.Name, withEncoder.Encoder!.Name);
    }

    [Fact]
    public void Batched_and_single_predictions_agree()
    {
        var p = Trained(PackagedEncoder.Shared);
        var texts = Unseen.Select(u => u.Instruction).ToArray();
        var batch = p.Predict(texts);
        for (var i = 0; i < texts.Length; i++) Assert.Equal(p.Predict(texts[i]).Probabilities, batch[i].Probabilities, new ToleranceComparer(1e-5f));
    }

    [Fact]
    public void Training_with_an_encoder_is_deterministic()
    {
        var a = Trained(PackagedEncoder.Shared);
        var b = Trained(PackagedEncoder.Shared);
        Assert.Equal(a.Weights, b.Weights);
        Assert.Equal(a.Embedding!.Weights, b.Embedding!.Weights);
    }

    [Fact]
    public void Save_and_load_name_the_encoder_and_give_the_same_predictions()
    {
        var p = Trained(PackagedEncoder.Shared);
        var path = Path.Combine(Path.GetTempPath(), $"task-predictor-{Guid.NewGuid():N}.json");
        try
        {
            TaskPredictorFile.Save(p, path);
            var json = JsonNode.Parse(File.ReadAllText(path))!;
            Assert.Equal(TaskPredictorFile.EmbeddingFormat, (string?)json["format"]);
            Assert.Equal(PackagedEncoder.Name, (string?)json["encoder"]!["name"]);
            Assert.Equal(PackagedEncoder.Shared.ModelSha256, (string?)json["encoder"]!["model_sha256"]);

            var q = TaskPredictorFile.Load(path);
            Assert.Same(PackagedEncoder.Shared, q.Embedding!.Encoder);
            foreach (var text in Corpus().Select(e => e.Instruction).Concat(Unseen.Select(u => u.Instruction)))
            {
                var a = p.Predict(text);
                var b = q.Predict(text);
                Assert.Equal(a.Task, b.Task);
                Assert.Equal(a.Confidence, b.Confidence, 2); // weights are stored as float16
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_file_whose_encoder_checksum_differs_is_refused()
    {
        var path = Path.Combine(Path.GetTempPath(), $"task-predictor-{Guid.NewGuid():N}.json");
        try
        {
            TaskPredictorFile.Save(Trained(PackagedEncoder.Shared), path);
            var json = JsonNode.Parse(File.ReadAllText(path))!;
            json["encoder"]!["model_sha256"] = new string('0', 64);
            File.WriteAllText(path, json.ToJsonString());
            var e = Assert.Throws<InvalidDataException>(() => TaskPredictorFile.Load(path));
            Assert.Contains("not the one the predictor was trained with", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_ngram_only_predictor_still_writes_format_1()
    {
        var path = Path.Combine(Path.GetTempPath(), $"task-predictor-{Guid.NewGuid():N}.json");
        try
        {
            TaskPredictorFile.Save(Trained(null), path);
            var json = JsonNode.Parse(File.ReadAllText(path))!;
            Assert.Equal(TaskPredictorFile.Format, (string?)json["format"]);
            Assert.Null(json["encoder"]);
            Assert.Null(TaskPredictorFile.Load(path).Encoder);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Predictions_from_many_threads_equal_those_from_one()
    {
        var p = Trained(PackagedEncoder.Shared);
        var texts = Corpus().Select(e => e.Instruction).Concat(Unseen.Select(u => u.Instruction)).ToArray();
        var expected = texts.Select(t => p.Predict(t).Probabilities).ToArray();
        var got = new float[texts.Length][];
        Parallel.For(0, texts.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => got[i] = p.Predict(texts[i]).Probabilities);
        for (var i = 0; i < texts.Length; i++) Assert.Equal(expected[i], got[i]);
    }

    private sealed class ToleranceComparer(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
