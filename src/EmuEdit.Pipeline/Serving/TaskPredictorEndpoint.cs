using EmuEdit.Contracts.V1;
using EmuEdit.Pipeline.Abstractions;
using Grpc.Core;

namespace EmuEdit.Pipeline.Serving;

/// <summary>TaskPredictorService over any <see cref="ITaskPredictorClient"/> (the task-predictor host serves the in-process one).</summary>
public sealed class TaskPredictorEndpoint(ITaskPredictorClient predictor, ServingOptions options, ModelVersion version) : TaskPredictorService.TaskPredictorServiceBase
{
    public override async Task<PredictTasksResponse> PredictTasks(PredictTasksRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        options.CheckInstructions(request.Instructions);
        var guesses = await predictor.PredictAsync(request.Instructions, context.CancellationToken).ConfigureAwait(false);
        var response = new PredictTasksResponse { ModelVersion = version.Value };
        foreach (var guess in guesses)
        {
            var prediction = new Contracts.V1.TaskPrediction { Task = guess.Task };
            prediction.Probabilities.AddRange(guess.Ranked.Select(r => new TaskProbability { Task = r.Task, Probability = r.Probability }));
            response.Predictions.Add(prediction);
        }
        return response;
    }
}
