using EmuEdit.Contracts.V1;
using Google.Protobuf.Reflection;

namespace EmuEdit.Contracts.Tests;

/// <summary>The API that docs/api.md describes, as the compiled descriptors see it: a change here is a change to clients.</summary>
public sealed class ApiSurfaceTests
{
    private static string Shape(MethodDescriptor m) =>
        $"{m.Name}({(m.IsClientStreaming ? "stream " : "")}{m.InputType.Name}) -> {(m.IsServerStreaming ? "stream " : "")}{m.OutputType.Name}";

    [Fact]
    public void Editing_service_has_the_documented_rpcs()
    {
        Assert.Equal(
        [
            "Edit(EditRequest) -> stream EditEvent",
            "SubmitEdit(SubmitEditRequest) -> SubmitEditResponse",
            "GetEdit(GetEditRequest) -> EditStatus",
            "CancelEdit(CancelEditRequest) -> EditStatus",
            "CreateSession(CreateSessionRequest) -> Session",
            "EditInSession(EditInSessionRequest) -> stream EditEvent",
            "GetSession(GetSessionRequest) -> Session",
            "ListTasks(ListTasksRequest) -> ListTasksResponse",
        ], EditingService.Descriptor.Methods.Select(Shape));
        Assert.Equal("emuedit.v1.EditingService", EditingService.Descriptor.FullName);
    }

    [Fact]
    public void Internal_services_have_the_documented_rpcs()
    {
        Assert.Equal(["PredictTasks(PredictTasksRequest) -> PredictTasksResponse"], TaskPredictorService.Descriptor.Methods.Select(Shape));
        Assert.Equal(["EncodeInstructions(EncodeInstructionsRequest) -> stream TensorChunk"], TextEncoderService.Descriptor.Methods.Select(Shape));
        Assert.Equal(
        [
            "EncodeImages(stream TensorChunk) -> stream TensorChunk",
            "DecodeLatents(stream TensorChunk) -> stream TensorChunk",
            "GetVaeInfo(GetVaeInfoRequest) -> VaeInfo",
        ], VaeService.Descriptor.Methods.Select(Shape));
    }

    [Fact]
    public void Sampler_parameters_are_optional_so_unset_means_the_server_default()
    {
        MessageDescriptor parameters = EditParameters.Descriptor;
        foreach (string name in new[] { "steps", "seed", "image_guidance_scale", "text_guidance_scale", "task", "jpeg_quality", "preview_every" })
        {
            Assert.True(parameters.FindFieldByName(name).HasPresence, $"{name} should track presence");
        }
        var request = new EditParameters();
        Assert.False(request.HasSteps);
        request.Steps = 0;
        Assert.True(request.HasSteps); // an explicit 0 is distinguishable from unset (and refused as out of range)
    }

    [Fact]
    public void Job_states_are_the_documented_ones_the_queue_also_uses()
    {
        Assert.Equal(
            ["Unspecified", "Queued", "Running", "RetryScheduled", "Succeeded", "Failed", "Cancelled"],
            Enum.GetNames<JobState>());
    }
}
