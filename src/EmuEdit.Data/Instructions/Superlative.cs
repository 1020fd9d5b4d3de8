namespace EmuEdit.Data.Instructions;

public enum Superlative
{
    None,
    Leftmost,
    Rightmost,
    Topmost,
    Bottommost,
    Biggest,
    Smallest,
}
