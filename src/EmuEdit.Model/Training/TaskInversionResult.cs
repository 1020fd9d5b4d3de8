using static TorchSharp.torch;

namespace EmuEdit.Model.Training;

/// <summary>The learned task vector [taskDim] (owned by the caller) and the loss of every step.</summary>
public sealed record TaskInversionResult(Tensor Vector, IReadOnlyList<double> Losses);
