namespace EmuEdit.Gateway.Sessions;

/// <summary>Field names of a session's hashes.</summary>
internal static class SessionFields
{
    public const string CreatedAt = "created_at";
    public const string Image = "image";
    public const string Width = "width";
    public const string Height = "height";
    /// <summary>Turns started so far.</summary>
    public const string Turns = "turns";
    /// <summary>Turns whose outcome has been applied: a succeeded turn's result became the current image.</summary>
    public const string Settled = "settled";

    public static string TurnInstruction(int turn) => $"{turn}:instruction";
    public static string TurnEdit(int turn) => $"{turn}:edit";
    public static string TurnImage(int turn) => $"{turn}:image";

    /// <summary>A succeeded turn's EditResult without its image (task, probability, seed, steps), written when it settles.</summary>
    public static string TurnResult(int turn) => $"{turn}:result";
}
