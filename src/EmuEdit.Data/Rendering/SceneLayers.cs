using EmuEdit.Data.Imaging;

namespace EmuEdit.Data.Rendering;

/// <summary>
/// Where everything is in a rendered scene: per-object footprints (whole shape, as if nothing were in
/// front), shadows and visible coverage, text footprints, and a per-pixel label map. Masks, filters,
/// annotations and modalities are all computed from these.
/// </summary>
public sealed class SceneLayers
{
    /// <summary>Label-map codes for pixels not covered by an object (object pixels hold the object id, always positive).</summary>
    public const int Plain = 0, Sky = -1, Ground = -2, Sun = -3, TextBase = -100;

    public required int Width { get; init; }
    public required int Height { get; init; }
    public required IReadOnlyDictionary<int, GrayImage> Footprints { get; init; }
    public required IReadOnlyDictionary<int, GrayImage> Shadows { get; init; }
    public required IReadOnlyDictionary<int, GrayImage> Visible { get; init; }
    public required IReadOnlyList<GrayImage> TextFootprints { get; init; }
    /// <summary>Per pixel: object id, <see cref="TextBase"/> - index for text, or a background code.</summary>
    public required int[] Labels { get; init; }
    /// <summary>Per pixel: the <see cref="Scenes.ShapeGeometry.Part"/> of the labelled object (0 elsewhere).</summary>
    public required byte[] Parts { get; init; }

    /// <summary>Fraction of an object's footprint that is visible (not hidden by nearer objects or text).</summary>
    public double VisibleFraction(int id)
    {
        double total = Footprints[id].Sum();
        return total <= 0 ? 0 : Visible[id].Sum() / total;
    }

    /// <summary>Footprint plus shadow of an object: what changes when the object changes.</summary>
    public GrayImage Extent(int id)
    {
        var m = Footprints[id].Clone();
        m.MaxWith(Shadows[id]);
        return m;
    }
}
