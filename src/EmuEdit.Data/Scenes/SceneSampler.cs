using EmuEdit.Data.Imaging;
using EmuEdit.Data.Randomness;

namespace EmuEdit.Data.Scenes;

/// <summary>Draws random scenes: a background, one to a few objects, and sometimes a word.</summary>
public sealed class SceneSampler(SceneOptions? options = null)
{
    public SceneOptions Options { get; } = options ?? new SceneOptions();

    /// <summary>Landscape presets (sky, ground): meadow, desert, snowfield, dusk field, lagoon.</summary>
    internal static readonly (string Sky, string Ground)[] Landscapes =
        [("blue", "green"), ("blue", "yellow"), ("gray", "white"), ("orange", "brown"), ("teal", "green")];

    public Scene Sample(Rng rng, int? objectCount = null)
    {
        var background = SampleBackground(rng);
        var scene = new Scene { Width = Options.Width, Height = Options.Height, Background = background };
        int n = objectCount ?? rng.NextInt(Options.MinObjects, Options.MaxObjects + 1);
        var objects = new List<SceneObject>();
        for (int i = 0; i < n; i++)
        {
            var o = SampleObject(rng, scene with { Objects = objects }, i + 1);
            if (o is not null) objects.Add(o);
        }
        scene = scene with { Objects = objects };
        if (rng.Chance(Options.TextProbability) && SampleText(rng, scene) is { } text) scene = scene with { Texts = [text] };
        return scene;
    }

    public BackgroundSpec SampleBackground(Rng rng)
    {
        var kind = (BackgroundKind)WeightedIndex(rng, Options.BackgroundWeights);
        var names = Palette.Names;
        switch (kind)
        {
            case BackgroundKind.Landscape:
                {
                    var (sky, ground) = rng.Pick(Landscapes);
                    return new BackgroundSpec
                    {
                        Kind = kind, Color = sky, Color2 = ground,
                        Horizon = rng.NextFloat(0.55f, 0.75f),
                        Sun = rng.Chance(Options.SunProbability),
                        SunX = rng.NextFloat(0.15f, 0.85f), SunY = rng.NextFloat(0.12f, 0.25f),
                    };
                }
            case BackgroundKind.Solid:
                return new BackgroundSpec { Kind = kind, Color = rng.Pick(names) };
            default:
                {
                    string c1 = rng.Pick(names), c2;
                    do { c2 = rng.Pick(names); } while (c2 == c1);
                    return new BackgroundSpec
                    {
                        Kind = kind, Color = c1, Color2 = c2,
                        Pattern = kind == BackgroundKind.Pattern ? rng.Pick(TextureKinds.Patterned) : TextureKind.Solid,
                    };
                }
        }
    }

    /// <summary>Colours an object may take on this scene: none that dominates the background.</summary>
    public static IReadOnlyList<string> ObjectColors(Scene scene) =>
        Palette.Names.Where(c => !scene.Background.DominantColors().Contains(c)).ToArray();

    public SceneObject? SampleObject(Rng rng, Scene scene, int id, ShapeKind? kind = null, string? color = null, float? size = null, (float X0, float Y0, float X1, float Y1)? region = null)
    {
        kind ??= rng.Chance(Options.PersonProbability) ? ShapeKind.Person : rng.Pick(ShapeKinds.All.Where(k => k != ShapeKind.Person).ToArray());
        color ??= rng.Pick(ObjectColors(scene));
        size ??= RandomSize(rng, rng.Pick(Enum.GetValues<SizeClass>()));
        var (x, y) = Place(rng, scene, size.Value, region, allowOverlap: rng.Chance(Options.OverlapProbability)) ?? (-1f, -1f);
        if (x < 0) return null;
        var texture = rng.Chance(Options.PatternedObjectProbability) && kind != ShapeKind.Person ? rng.Pick(TextureKinds.Patterned) : TextureKind.Solid;
        return new SceneObject
        {
            Id = id, Kind = kind.Value, Color = color, X = x, Y = y, Size = size.Value,
            Texture = texture,
            TextureColor = texture == TextureKind.Solid ? null : PatternColor(rng, color),
            Pose = kind == ShapeKind.Person ? RandomPose(rng) : [],
        };
    }

    public static float RandomSize(Rng rng, SizeClass c)
    {
        var (min, max) = SizeClasses.Range(c);
        return rng.NextFloat(min, max);
    }

    /// <summary>A pattern colour that contrasts with the object colour.</summary>
    public static string PatternColor(Rng rng, string objectColor)
    {
        var baseColor = Palette.Get(objectColor);
        var options = Palette.Names.Where(n => Rgb.Distance(Palette.Get(n), baseColor) > 0.6f).ToArray();
        return rng.Pick(options);
    }

    public static float[] RandomPose(Rng rng) =>
    [
        rng.NextFloat(0.55f, 1.25f) * MathF.PI, rng.NextFloat(-0.25f, 0.45f) * MathF.PI,
        rng.NextFloat(0.55f, 0.8f) * MathF.PI, rng.NextFloat(0.2f, 0.45f) * MathF.PI,
    ];

    /// <summary>A centre for an object of <paramref name="size"/> inside the image (and the region), apart from others unless overlap is allowed.</summary>
    public (float X, float Y)? Place(Rng rng, Scene scene, float size, (float X0, float Y0, float X1, float Y1)? region, bool allowOverlap)
    {
        var (rx0, ry0, rx1, ry1) = region ?? (0f, 0f, 1f, 1f);
        float margin = size + 0.03f;
        float x0 = MathF.Max(rx0, margin), x1 = MathF.Min(rx1, 1 - margin), y0 = MathF.Max(ry0, margin), y1 = MathF.Min(ry1, 1 - margin);
        if (x0 > x1 || y0 > y1) return null;
        for (int attempt = 0; attempt < 30; attempt++)
        {
            float x = rng.NextFloat(x0, x1), y = rng.NextFloat(y0, y1);
            bool ok = true;
            foreach (var o in scene.Objects)
            {
                float d = MathF.Sqrt((o.X - x) * (o.X - x) + (o.Y - y) * (o.Y - y));
                float need = allowOverlap ? 0.5f * (o.Size + size) : Options.SeparationFactor * (o.Size + size);
                if (d < need) { ok = false; break; }
            }
            // Text is drawn on top of everything, so an object under a word would be partly hidden.
            foreach (var t in scene.Texts)
            {
                float tw = BitmapFont.MeasureWidth(t.Text) * t.Scale / 64f, th = BitmapFont.GlyphHeight * t.Scale / 64f;
                if (x + size > t.X && x - size < t.X + tw && y + size > t.Y && y - size < t.Y + th) { ok = false; break; }
            }
            if (ok) return (x, y);
        }
        return null;
    }

    public SceneText? SampleText(Rng rng, Scene scene, string? word = null, string? color = null) =>
        PlaceText(rng, scene, word ?? rng.Pick(Options.Words), [0f, 0f, 1f, 1f], color);

    /// <summary>
    /// Places a word inside <paramref name="box"/> (fractions x0, y0, x1, y1), clear of objects; large
    /// glyphs first, the small font when the large word does not fit. Null when it fits nowhere.
    /// </summary>
    public SceneText? PlaceText(Rng rng, Scene scene, string word, float[] box, string? color = null)
    {
        int large = TextScale(word, Options);
        foreach (int scale in large == 1 ? new[] { 1 } : [large, 1])
        {
            float w = BitmapFont.MeasureWidth(word) * scale / 64f, h = BitmapFont.GlyphHeight * scale / 64f;
            float x0 = MathF.Max(0.04f, box[0]), y0 = MathF.Max(0.04f, box[1]);
            float x1 = MathF.Min(0.96f, box[2]) - w, y1 = MathF.Min(0.96f, box[3]) - h;
            if (x1 < x0 || y1 < y0) continue;
            for (int attempt = 0; attempt < 20; attempt++)
            {
                float x = rng.NextFloat(x0, x1), y = rng.NextFloat(y0, y1);
                bool clear = scene.Objects.All(o =>
                    x + w < o.X - o.Size || x > o.X + o.Size || y + h < o.Y - o.Size || y > o.Y + o.Size);
                if (!clear) continue;
                return new SceneText { Text = word, Color = color ?? ContrastingTextColor(rng, scene, x, y, w, h), X = x, Y = y, Scale = scale };
            }
        }
        return null;
    }

    /// <summary>
    /// Font pixel size for a word: large (2) whenever it fits, since one-pixel strokes at 64 px are
    /// barely legible and text edits on them fall under the visibility filter.
    /// </summary>
    public static int TextScale(string word, SceneOptions options) => word.Length <= options.LargeTextMaxLength ? 2 : 1;

    private static readonly string[] TextColors = ["black", "white", "red", "blue", "purple", "brown", "green", "orange"];

    /// <summary>
    /// A text colour that stands out against the background everywhere under the text's box (x, y, w, h
    /// as fractions): the background is sampled, not guessed from its colour names, because gradients and
    /// skies change brightness across the image.
    /// </summary>
    public static string ContrastingTextColor(Rng rng, Scene scene, float x, float y, float w, float h, string? except = null)
    {
        var shader = new Rendering.BackgroundShader(scene);
        var samples = new List<Rgb>();
        for (int i = 0; i <= 4; i++)
            for (int j = 0; j <= 2; j++)
                samples.Add(shader.Color((x + w * i / 4f) * scene.Width, (y + h * j / 2f) * scene.Height));
        // Both a colour difference and a brightness difference: white on pastel green differs in colour
        // but is hard to read.
        var options = TextColors.Where(n => n != except && samples.All(c =>
            Rgb.Distance(Palette.Get(n), c) > 0.55f && MathF.Abs(Palette.Get(n).Luma - c.Luma) > 0.25f)).ToArray();
        return options.Length > 0 ? rng.Pick(options) : TextColors.Where(n => n != except).MaxBy(n => samples.Min(c => Rgb.Distance(Palette.Get(n), c)))!;
    }

    private static int WeightedIndex(Rng rng, double[] weights)
    {
        double total = weights.Sum(), r = rng.NextDouble() * total;
        for (int i = 0; i < weights.Length; i++)
        {
            r -= weights[i];
            if (r < 0) return i;
        }
        return weights.Length - 1;
    }
}
