namespace EmuEdit.Tokenization;

/// <summary>One instruction as fixed-length compact ids and the mask of its real tokens (true up to and including the end token).</summary>
public sealed record EncodedInstruction(long[] Ids, bool[] Mask);
