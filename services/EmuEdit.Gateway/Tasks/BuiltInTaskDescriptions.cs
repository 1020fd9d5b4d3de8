namespace EmuEdit.Gateway.Tasks;

/// <summary>
/// What each built-in task (paper Table 1) does, for ListTasks. The model folder's tasks.json decides
/// which tasks exist; a name it lists that is missing here is still served, with no description.
/// </summary>
public static class BuiltInTaskDescriptions
{
    public sealed record Entry(string Description, IReadOnlyList<string> Examples);

    private static readonly Dictionary<string, Entry> Entries = new(StringComparer.OrdinalIgnoreCase)
    {
        ["local"] = new("Change one object's colour or look, leaving the rest of the image as it is.", ["make the red circle blue"]),
        ["remove"] = new("Remove an object and fill in what was behind it.", ["remove the blue triangle"]),
        ["add"] = new("Add a new object to the scene.", ["add a yellow star in the top left"]),
        ["texture"] = new("Change the surface pattern of an object.", ["give the square a striped texture"]),
        ["background"] = new("Replace the background, keeping the objects.", ["change the background to a night sky"]),
        ["global"] = new("Change the whole scene, such as its lighting or season.", ["make it look like winter"]),
        ["style"] = new("Render the whole image in another style.", ["make it look like a pencil sketch"]),
        ["text"] = new("Write or change text in the image.", ["write \"OPEN\" on the sign"]),
        ["detect"] = new("Draw a box around an object.", ["draw a box around the green circle"]),
        ["segment"] = new("Mark the pixels of an object.", ["highlight the triangle"]),
        ["color"] = new("Adjust blur, sharpness, brightness, contrast or saturation.", ["make it brighter"]),
        ["sketch2image"] = new("Turn a sketch into an image.", ["turn this sketch into a picture"]),
        ["depth2image"] = new("Turn a depth map into an image.", ["make an image from this depth map"]),
        ["normal2image"] = new("Turn a surface-normal map into an image.", ["make an image from this normal map"]),
        ["segmentation2image"] = new("Turn a segmentation map into an image.", ["make an image from this segmentation map"]),
        ["pose2image"] = new("Turn a pose or keypoint drawing into an image.", ["make an image from these keypoints"]),
    };

    public static Entry? Find(string name) => Entries.GetValueOrDefault(name);
}
