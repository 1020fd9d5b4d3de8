using EmuEdit.Contracts.V1;
using Google.Protobuf;

namespace EmuEdit.Pipeline.Engine;

/// <summary>A finished edit: the encoded image at the input's size and what produced it.</summary>
public sealed record EditOutput(
    string Id, byte[] Image, ImageFormat Format, int Width, int Height, string Task, float TaskProbability, ulong Seed, int Steps)
{
    /// <summary>The queue's result payload.</summary>
    public EditJobResult ToJobResult() => new()
    {
        Image = new Contracts.V1.Image { Data = ByteString.CopyFrom(Image), Format = Format, Width = Width, Height = Height },
        Task = Task,
        TaskProbability = TaskProbability,
        Seed = Seed,
        Steps = Steps,
    };
}
