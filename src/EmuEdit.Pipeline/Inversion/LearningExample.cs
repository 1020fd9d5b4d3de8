using EmuEdit.Contracts.V1;

namespace EmuEdit.Pipeline.Inversion;

/// <summary>One example of a task to learn: the input image file, the instruction and the expected output file (PNG or JPEG).</summary>
public sealed record LearningExample(ReadOnlyMemory<byte> Input, string Instruction, ReadOnlyMemory<byte> Output)
{
    public static LearningExample FromProto(TaskExample example)
    {
        ArgumentNullException.ThrowIfNull(example);
        return new LearningExample(example.Input.Data.Memory, example.Instruction, example.Output.Data.Memory);
    }
}
