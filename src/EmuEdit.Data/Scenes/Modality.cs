namespace EmuEdit.Data.Scenes;

/// <summary>
/// How a scene is shown. <see cref="Image"/> is the picture; the others are the inputs of the
/// image-to-image translation tasks and of the unseen few-shot tasks.
/// </summary>
public enum Modality
{
    Image,
    Sketch,
    Depth,
    Normal,
    Segmentation,
    Pose,
    /// <summary>Downsampled x4 then upsampled back (the super-resolution input).</summary>
    LowRes,
    /// <summary>Object contours, white on black (the contour-detection output).</summary>
    Contour,
    /// <summary>The image with the scene's <see cref="Scene.Hole"/> filled with flat gray (the inpainting input).</summary>
    Masked,
}
