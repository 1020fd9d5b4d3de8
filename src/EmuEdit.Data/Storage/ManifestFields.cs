namespace EmuEdit.Data.Storage;

/// <summary>JSON keys of a manifest line. The first six are what a user's real dataset provides.</summary>
public static class ManifestFields
{
    public const string Input = "input", Output = "output", Instruction = "instruction", Task = "task",
        InputCaption = "input_caption", OutputCaption = "output_caption",
        Mask = "mask", Id = "id", Split = "split", Seed = "seed", Attempt = "attempt", Phrasing = "phrasing", HeldOut = "held_out",
        Category = "category", InputScene = "input_scene", OutputScene = "output_scene";

    public static readonly string[] Required = [Input, Output, Instruction, Task];
}
