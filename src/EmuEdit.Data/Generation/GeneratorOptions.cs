using EmuEdit.Data.Filtering;
using EmuEdit.Data.Instructions;
using EmuEdit.Data.Rendering;
using EmuEdit.Data.Scenes;

namespace EmuEdit.Data.Generation;

/// <summary>Everything tunable about example generation, in one place.</summary>
public sealed record GeneratorOptions
{
    public SceneOptions Scene { get; init; } = new();
    public RenderOptions Render { get; init; } = new();
    public MaskOptions Mask { get; init; } = new();
    public FilterOptions Filter { get; init; } = new();
    public ReferenceOptions References { get; init; } = new();
    /// <summary>Sub-seeds tried per example before giving up.</summary>
    public int MaxAttempts { get; init; } = 64;

    /// <summary>Same settings at another image size.</summary>
    public GeneratorOptions WithSize(int width, int height) => this with { Scene = Scene with { Width = width, Height = height } };
}
