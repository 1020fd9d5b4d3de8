namespace EmuEdit.Data.Instructions;

/// <summary>The instruction text and which phrasing family produced it.</summary>
public sealed record Phrasing(string Text, string TemplateId, bool HeldOut);
