using EmuEdit.Contracts.V1;
using EmuEdit.Gateway.Tasks;
using EmuEdit.Gateway.Validation;
using Google.Protobuf;

namespace EmuEdit.Gateway.Editing;

/// <summary>Turns a client's request into the fully resolved job a worker runs (jobs.proto, EditJob).</summary>
public sealed class EditJobFactory(ImageIntake images, InstructionRules instructions, ParameterResolver parameters, TaskCatalog tasks)
{
    public async Task<EditJob> FromRequestAsync(EditRequest? request, CancellationToken cancellationToken)
    {
        if (request is null) throw RequestErrors.InvalidArgument("edit is missing.");
        // Cheap checks first: a bad instruction should not cost an image decode.
        string instruction = instructions.Accept(request.Instruction);
        EditParameters resolved = await ResolveParametersAsync(request.Parameters, cancellationToken).ConfigureAwait(false);
        AcceptedImage image = images.Accept(request.Image, "image");
        return new EditJob
        {
            ImagePng = ByteString.CopyFrom(image.Png),
            Width = image.Width,
            Height = image.Height,
            Instruction = instruction,
            Parameters = resolved,
        };
    }

    /// <summary>
    /// Checks a session turn's settings and resolves them; the job is built once the session has
    /// given the turn its number and image (<see cref="ForSessionTurn"/>).
    /// </summary>
    public async Task<EditJob> ResolveTurnAsync(EditInSessionRequest request, CancellationToken cancellationToken)
    {
        string instruction = instructions.Accept(request.Instruction);
        float threshold = parameters.ResolveThreshold(request.HasThreshold, request.Threshold, request.Parameters);
        EditParameters resolved = await ResolveParametersAsync(request.Parameters, cancellationToken).ConfigureAwait(false);
        resolved.Threshold = threshold;
        return new EditJob { Instruction = instruction, Parameters = resolved, Threshold = threshold, SessionId = request.SessionId };
    }

    /// <summary>The turn's job: its settings on the session's current image (a PNG the gateway made).</summary>
    public static EditJob ForSessionTurn(EditJob settings, AcceptedImage current, int turn)
    {
        EditJob job = settings.Clone();
        job.ImagePng = ByteString.CopyFrom(current.Png);
        job.Width = current.Width;
        job.Height = current.Height;
        job.Turn = turn;
        return job;
    }

    private async Task<EditParameters> ResolveParametersAsync(EditParameters? given, CancellationToken cancellationToken)
    {
        EditParameters resolved = parameters.Resolve(given);
        if (resolved.HasTask)
        {
            resolved.Task = await tasks.ResolveAsync(resolved.Task, cancellationToken).ConfigureAwait(false);
        }
        return resolved;
    }
}
