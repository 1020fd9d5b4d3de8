using EmuEdit.Model.Configuration;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EmuEdit.Model.Networks;

/// <summary>
/// One learned vector per task (paper §4.2), trained jointly with the U-Net. Vectors from elsewhere (task
/// inversion, §4.3) have the same length and go to the U-Net directly, without a row here.
/// </summary>
public sealed class TaskTable : nn.Module
{
    private readonly Embedding table;

    public TaskTable(TaskOptions options) : base(nameof(TaskTable))
    {
        ArgumentNullException.ThrowIfNull(options);
        // Embedding's default N(0, 1) rows match what the U-Net's task projections (default Linear init) expect.
        table = nn.Embedding(options.Count, options.EmbeddingDim);
        Count = options.Count;
        EmbeddingDim = options.EmbeddingDim;
        RegisterComponents();
    }

    /// <summary>k, the number of rows.</summary>
    public int Count { get; }

    /// <summary>Length of every task vector.</summary>
    public int EmbeddingDim { get; }

    /// <summary>The [Count, EmbeddingDim] table itself (a trainable parameter).</summary>
    public Parameter Weight => table.weight!;

    /// <summary>v_i as [EmbeddingDim], differentiable with respect to the table.</summary>
    public Tensor TaskVector(int index)
    {
        if (index < 0 || index >= Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The task table has {Count} rows.");
        return table.weight![index];
    }

    /// <summary>Rows for a batch of task indices [B] int64: [B, EmbeddingDim].</summary>
    public Tensor TaskVectors(Tensor indices) => table.forward(indices);

    /// <summary>The mean of all rows, [EmbeddingDim]: a neutral starting point for task inversion.</summary>
    public Tensor MeanVector() => table.weight!.mean([0]);
}
