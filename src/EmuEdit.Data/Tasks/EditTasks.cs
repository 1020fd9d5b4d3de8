namespace EmuEdit.Data.Tasks;

/// <summary>
/// The single source of truth for task identifiers. <see cref="Trained"/> is Table 1 of the paper in
/// order; a task's index in it is its task-embedding index in the model. <see cref="Unseen"/> tasks
/// (paper §5.3) never appear in training data: they exist for few-shot task inversion.
/// </summary>
public static class EditTasks
{
    public const string Local = "local", Remove = "remove", Add = "add", Texture = "texture", Background = "background",
        Global = "global", Style = "style", Text = "text", Detect = "detect", Segment = "segment", Color = "color",
        Sketch2Image = "sketch2image", Depth2Image = "depth2image", Normal2Image = "normal2image",
        Segmentation2Image = "segmentation2image", Pose2Image = "pose2image";

    public const string SuperResolution = "superres", Contour = "contour", Inpaint = "inpaint", AddDetect = "add_detect";

    public static IReadOnlyList<string> Trained { get; } =
    [
        Local, Remove, Add, Texture, Background, Global, Style, Text, Detect, Segment, Color,
        Sketch2Image, Depth2Image, Normal2Image, Segmentation2Image, Pose2Image,
    ];

    public static IReadOnlyList<string> Unseen { get; } = [SuperResolution, Contour, Inpaint, AddDetect];

    public static IReadOnlyList<string> All { get; } = [.. Trained, .. Unseen];

    /// <summary>Index among the trained tasks (the task-embedding row), or -1 for unseen and unknown names.</summary>
    public static int IndexOf(string task)
    {
        for (int i = 0; i < Trained.Count; i++)
            if (Trained[i] == task) return i;
        return -1;
    }

    public static bool IsKnown(string task) => All.Contains(task);

    public static bool IsUnseen(string task) => Unseen.Contains(task);

    /// <summary>
    /// The Emu Edit benchmark category (paper §5.1: background, global, style, remove, add, local,
    /// texture) a task's examples belong to, or null for tasks outside those seven.
    /// </summary>
    public static string? BenchmarkCategory(string task) => task switch
    {
        Background or Global or Style or Remove or Add or Local or Texture => task,
        _ => null,
    };
}
