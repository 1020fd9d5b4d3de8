namespace EmuEdit.Tokenization;

/// <summary>
/// The compact ids every vocabulary reserves before the ids learned from a corpus. Padding is 0 so a
/// zero-filled id tensor is all padding.
/// </summary>
public static class SpecialTokens
{
    /// <summary>Fills the positions after the end token; masked out everywhere.</summary>
    public const long Pad = 0;

    /// <summary>Any GPT-2 token the vocabulary did not keep.</summary>
    public const long Unknown = 1;

    /// <summary>Ends every instruction, so even the empty instruction has one real token.</summary>
    public const long EndOfText = 2;

    /// <summary>How many ids are reserved; the first corpus id is this value.</summary>
    public const int Count = 3;
}
