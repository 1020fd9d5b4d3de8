using EmuEdit.Contracts.V1;
using EmuEdit.Pipeline.Engine;
using Google.Protobuf;

namespace EmuEdit.Pipeline.Bench;

/// <summary>One benchmark edit, sent the same way to the in-process engine and to the gateway.</summary>
public sealed record BenchEdit(string Task, byte[] Png, string Instruction, ulong Seed)
{
    // The task is named so both paths skip the same prediction and run identical work.
    public EditInput ToInput(int steps) => new(Guid.NewGuid().ToString("N"), Png, Instruction)
    {
        Task = Task,
        Steps = steps,
        Seed = Seed,
    };

    public EditRequest ToRequest(int steps) => new()
    {
        Image = new Image { Data = ByteString.CopyFrom(Png), Format = ImageFormat.Png },
        Instruction = Instruction,
        Parameters = new EditParameters { Steps = steps, Seed = Seed, Task = Task },
    };
}
