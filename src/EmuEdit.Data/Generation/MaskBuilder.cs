using EmuEdit.Data.Imaging;
using EmuEdit.Data.Rendering;
using EmuEdit.Data.Tasks;

namespace EmuEdit.Data.Generation;

/// <summary>Builds the edit mask of a draft from the scene layers of its input and output.</summary>
internal static class MaskBuilder
{
    public static GrayImage Build(EditDraft draft, SceneLayers before, SceneLayers after, RgbImage input, RgbImage edited, MaskOptions options)
    {
        int w = input.Width, h = input.Height;
        if (draft.Scope == MaskScope.Full) return GrayImage.Full(w, h);

        // The semantic region (what the instruction is about) ...
        var raw = new GrayImage(w, h);
        foreach (int id in draft.ChangedObjects)
        {
            // An object that keeps its outline keeps its shadow: only its own pixels are the edit's region.
            bool samePlace = draft.Input.Find(id) is { } a && draft.Output.Find(id) is { } b &&
                             a.Kind == b.Kind && a.X == b.X && a.Y == b.Y && a.Size == b.Size && a.Pose.AsSpan().SequenceEqual(b.Pose);
            if (before.Footprints.ContainsKey(id)) raw.MaxWith(samePlace ? before.Footprints[id] : before.Extent(id));
            if (after.Footprints.ContainsKey(id)) raw.MaxWith(samePlace ? after.Footprints[id] : after.Extent(id));
        }
        if (draft.ChangesTexts)
        {
            foreach (var t in before.TextFootprints) raw.MaxWith(t);
            foreach (var t in after.TextFootprints) raw.MaxWith(t);
        }
        if (draft.ChangesBackground)
            for (int p = 0; p < raw.Data.Length; p++)
            {
                float fg = 0;
                foreach (var f in before.Footprints.Values) fg = MathF.Max(fg, f.Data[p]);
                foreach (var t in before.TextFootprints) fg = MathF.Max(fg, t.Data[p]);
                raw.Data[p] = MathF.Max(raw.Data[p], 1 - fg);
            }
        // ... joined with every pixel that actually changes, so the composite below is exact.
        for (int p = 0; p < raw.Data.Length; p++)
        {
            if (Changed(input, edited, p)) raw.Data[p] = 1;
        }

        float side = Math.Min(w, h);
        int dilate = Math.Max(1, (int)MathF.Round(side * options.DilateFraction));
        int feather = Math.Max(1, (int)MathF.Round(side * options.FeatherFraction));
        var hard = ImageOps.Dilate(raw, dilate);
        var soft = ImageOps.GaussianBlur(ImageOps.Dilate(raw, dilate + feather), feather / 2f);
        hard.MaxWith(soft);
        if (draft.ChangesBackground)
        {
            // A background mask is the background segment: dilation must not eat into objects and text
            // that stay exactly as they are, or the mask would cover small objects whole.
            for (int p = 0; p < hard.Data.Length; p++)
            {
                if (raw.Data[p] >= 1f && Changed(input, edited, p)) continue;
                float fg = 0;
                foreach (var f in before.Footprints.Values) fg = MathF.Max(fg, f.Data[p]);
                foreach (var t in before.TextFootprints) fg = MathF.Max(fg, t.Data[p]);
                if (fg >= 1f && !Changed(input, edited, p)) hard.Data[p] = 0;
            }
        }
        // Below half a grey level the mask is treated as outside: those pixels stay exactly the input.
        for (int p = 0; p < hard.Data.Length; p++)
            if (hard.Data[p] < 0.5f / 255f) hard.Data[p] = 0;
        return hard.Quantize();
    }

    private static bool Changed(RgbImage a, RgbImage b, int p)
    {
        int i = p * 3;
        return a.Data[i] != b.Data[i] || a.Data[i + 1] != b.Data[i + 1] || a.Data[i + 2] != b.Data[i + 2];
    }
}
