namespace EmuEdit.Training.Runs;

/// <summary>
/// SplitMix64-style mixing: turns (seed, step, row) into independent-looking 64-bit values, so what a
/// step trains on is a pure function of its coordinates and a resumed run sees the same data.
/// </summary>
public static class SeedMix
{
    public static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public static ulong Mix(ulong a, ulong b) => Mix(Mix(a) ^ b);

    public static ulong Mix(ulong a, ulong b, ulong c) => Mix(Mix(a, b) ^ Mix(c));

    /// <summary>A non-negative example seed from a mixed value.</summary>
    public static long ToSeed(ulong mixed) => (long)(mixed >> 1);
}
