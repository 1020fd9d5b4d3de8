namespace EmuEdit.Data.Scenes;

public enum BackgroundKind
{
    Solid,
    VerticalGradient,
    HorizontalGradient,
    Pattern,
    Landscape,
}
