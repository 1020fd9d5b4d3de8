using EmuEdit.Training.Runs;

namespace EmuEdit.Training.Editor;

/// <summary>
/// Which cached examples a step trains on: each epoch is a permutation of the set seeded by (seed, epoch),
/// cut into whole batches (a remainder smaller than a batch waits for a later epoch's order). A pure
/// function of the step, so resuming needs no sampler state.
/// </summary>
public sealed class EpochSampler
{
    private readonly int _count;
    private readonly int _batch;
    private readonly ulong _seed;
    private long _cachedEpoch = -1;
    private int[] _order = [];

    public EpochSampler(int count, int batchSize, long seed)
    {
        if (batchSize > count) throw new ArgumentException($"batch size {batchSize} exceeds the {count} cached examples", nameof(batchSize));
        _count = count;
        _batch = batchSize;
        _seed = unchecked((ulong)seed);
    }

    public int BatchesPerEpoch => _count / _batch;

    /// <summary>The rows of (1-based) step <paramref name="step"/>.</summary>
    public long[] Rows(long step)
    {
        var index = step - 1;
        var epoch = index / BatchesPerEpoch;
        var offset = (int)(index % BatchesPerEpoch) * _batch;
        if (epoch != _cachedEpoch)
        {
            _order = Enumerable.Range(0, _count).ToArray();
            new Random(unchecked((int)SeedMix.Mix(_seed, (ulong)epoch))).Shuffle(_order);
            _cachedEpoch = epoch;
        }
        return _order.AsSpan(offset, _batch).ToArray().Select(i => (long)i).ToArray();
    }
}
