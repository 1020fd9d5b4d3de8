namespace EmuEdit.Data.Randomness;

/// <summary>
/// SplitMix64: a tiny, fully specified PRNG. Used instead of <see cref="System.Random"/> so that a seed
/// names the same example on every runtime version and platform, forever.
/// </summary>
public sealed class Rng
{
    private ulong _state;

    public Rng(ulong seed) => _state = seed;

    public ulong NextULong()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    public float NextFloat(float min, float max) => (float)(min + (max - min) * NextDouble());

    /// <summary>Uniform integer in [0, maxExclusive), unbiased by rejection.</summary>
    public int NextInt(int maxExclusive)
    {
        if (maxExclusive <= 0) throw new ArgumentOutOfRangeException(nameof(maxExclusive));
        ulong bound = (ulong)maxExclusive;
        ulong limit = ulong.MaxValue - ulong.MaxValue % bound;
        ulong x;
        do { x = NextULong(); } while (x >= limit);
        return (int)(x % bound);
    }

    public int NextInt(int minInclusive, int maxExclusive) => minInclusive + NextInt(maxExclusive - minInclusive);

    public bool Chance(double p) => NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[NextInt(items.Count)];

    public void Shuffle<T>(IList<T> items)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>Derives an independent stream seed from several parts (split, task, seed, attempt).</summary>
    public static ulong Mix(params ReadOnlySpan<ulong> parts)
    {
        ulong h = 0x243F6A8885A308D3UL;
        foreach (ulong p in parts)
        {
            var r = new Rng(h ^ p);
            h = r.NextULong();
        }
        return h;
    }

    /// <summary>A stable 64-bit hash of a string (FNV-1a), for salting streams by name.</summary>
    public static ulong Hash(string text)
    {
        ulong h = 0xCBF29CE484222325UL;
        foreach (char c in text)
        {
            h ^= c;
            h *= 0x100000001B3UL;
        }
        return h;
    }
}
