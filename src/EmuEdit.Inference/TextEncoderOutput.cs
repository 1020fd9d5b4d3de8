namespace EmuEdit.Inference;

/// <summary>
/// Encoded instructions as row-major arrays: <see cref="Context"/> [Count, Length, Width] (padded positions are
/// defined but meaningless; mask them with <see cref="Mask"/>), <see cref="Mask"/> [Count, Length] (true =
/// real token) and <see cref="Pooled"/> [Count, Width].
/// </summary>
public sealed record TextEncoderOutput(int Count, int Length, int Width, float[] Context, bool[] Mask, float[] Pooled);
