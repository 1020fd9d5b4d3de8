using EmuEdit.Data.Randomness;

namespace EmuEdit.Data.Instructions;

/// <summary>Named places in the image ("in the top left corner") with the area they mean.</summary>
public static class Regions
{
    public static readonly (string Phrase, float[] Box)[] All =
    [
        ("in the top left corner", [0f, 0f, 0.45f, 0.45f]),
        ("in the top right corner", [0.55f, 0f, 1f, 0.45f]),
        ("in the bottom left corner", [0f, 0.55f, 0.45f, 1f]),
        ("in the bottom right corner", [0.55f, 0.55f, 1f, 1f]),
        ("on the left", [0f, 0f, 0.4f, 1f]),
        ("on the right", [0.6f, 0f, 1f, 1f]),
        ("at the top", [0f, 0f, 1f, 0.4f]),
        ("at the bottom", [0f, 0.6f, 1f, 1f]),
        ("in the middle", [0.3f, 0.3f, 0.7f, 0.7f]),
    ];

    public static (string Phrase, float[] Box) Pick(Rng rng) => rng.Pick(All);

    public static bool Contains(float[] box, float x, float y) => x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3];
}
