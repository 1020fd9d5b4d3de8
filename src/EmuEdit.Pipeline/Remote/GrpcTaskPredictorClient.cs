using EmuEdit.Contracts.V1;
using EmuEdit.Pipeline.Abstractions;

namespace EmuEdit.Pipeline.Remote;

/// <summary>The task-predictor service over gRPC.</summary>
public sealed class GrpcTaskPredictorClient(TaskPredictorService.TaskPredictorServiceClient client) : ITaskPredictorClient
{
    private readonly TaskPredictorService.TaskPredictorServiceClient _client = client ?? throw new ArgumentNullException(nameof(client));

    public async Task<IReadOnlyList<TaskGuess>> PredictAsync(IReadOnlyList<string> instructions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instructions);
        var request = new PredictTasksRequest();
        request.Instructions.AddRange(instructions);
        var response = await _client.PredictTasksAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (response.Predictions.Count != instructions.Count)
            throw new InvalidOperationException($"The task predictor answered {response.Predictions.Count} predictions for {instructions.Count} instructions.");
        return response.Predictions
            .Select(p => new TaskGuess(p.Probabilities.Select(x => new TaskLikelihood(x.Task, x.Probability)).ToArray()))
            .ToArray();
    }
}
