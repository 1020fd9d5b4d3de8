using EmuEdit.Contracts.V1;
using Google.Protobuf;

namespace EmuEdit.Gateway.Editing;

/// <summary>A worker's stored EditJobResult as the EditResult clients see.</summary>
public static class EditResults
{
    public static EditResult Parse(byte[] stored)
    {
        EditJobResult result;
        try
        {
            result = EditJobResult.Parser.ParseFrom(stored);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"A stored edit result is not an EditJobResult: {e.Message}", e);
        }
        return new EditResult
        {
            Image = result.Image,
            Task = result.Task,
            TaskProbability = result.TaskProbability,
            Seed = result.Seed,
            Steps = result.Steps,
        };
    }
}
