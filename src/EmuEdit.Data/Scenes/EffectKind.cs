namespace EmuEdit.Data.Scenes;

/// <summary>Whole-image operations and annotations applied after the scene is drawn, in list order.</summary>
public enum EffectKind
{
    // Global (weather and time of day)
    Night,
    Winter,
    Sunset,
    Fog,
    Rain,
    // Style
    PixelArt,
    Posterize,
    PencilSketch,
    Sepia,
    Comic,
    // Colour adjustments
    Blur,
    Sharpen,
    Brighten,
    Darken,
    MoreContrast,
    LessContrast,
    Saturate,
    Desaturate,
    // Vision annotations on one object
    Box,
    Overlay,
}
