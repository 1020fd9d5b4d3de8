using EmuEdit.Data.Imaging;
using EmuEdit.Data.Scenes;

namespace EmuEdit.Data.Rendering;

/// <summary>Colour and region of the background at a point (pixel coordinates).</summary>
internal sealed class BackgroundShader
{
    private const float SunRadius = 0.085f;
    private const float PatternPeriod = 0.125f;
    private readonly BackgroundSpec _bg;
    private readonly Geometry _g;
    private readonly Rgb _c1, _c2, _sky, _ground, _sun = new(1f, 0.88f, 0.3f);

    public BackgroundShader(Scene scene)
    {
        _bg = scene.Background;
        _g = new Geometry(scene);
        _c1 = Palette.Pastel(_bg.Color);
        _c2 = Palette.Pastel(_bg.Color2 ?? _bg.Color);
        _sky = Palette.Get(_bg.Color);
        _ground = Palette.Get(_bg.Color2 ?? "green");
    }

    public int Region(float px, float py)
    {
        if (_bg.Kind != BackgroundKind.Landscape) return SceneLayers.Plain;
        float fy = py / _g.H;
        if (fy >= _bg.Horizon) return SceneLayers.Ground;
        if (_bg.Sun)
        {
            float dx = (px - _bg.SunX * _g.W) / _g.S, dy = (py - _bg.SunY * _g.H) / _g.S;
            if (dx * dx + dy * dy <= SunRadius * SunRadius) return SceneLayers.Sun;
        }
        return SceneLayers.Sky;
    }

    public Rgb Color(float px, float py)
    {
        float fx = px / _g.W, fy = py / _g.H;
        switch (_bg.Kind)
        {
            case BackgroundKind.Solid: return _c1;
            case BackgroundKind.VerticalGradient: return Rgb.Lerp(_c1, _c2, fy);
            case BackgroundKind.HorizontalGradient: return Rgb.Lerp(_c1, _c2, fx);
            case BackgroundKind.Pattern:
                return TextureShader.PatternOn(_bg.Pattern, px / _g.S, py / _g.S, PatternPeriod) ? _c2 : _c1;
            default:
                return Region(px, py) switch
                {
                    SceneLayers.Ground => Rgb.Lerp(_ground.Scale(0.8f), _ground, (fy - _bg.Horizon) / (1f - _bg.Horizon)),
                    SceneLayers.Sun => _sun,
                    _ => Rgb.Lerp(Rgb.Lerp(_sky, new Rgb(1, 1, 1), 0.25f), Rgb.Lerp(_sky, new Rgb(1, 1, 1), 0.65f), fy / _bg.Horizon),
                };
        }
    }
}
