namespace EmuEdit.Evaluation;

/// <summary>Bilinear resampling of planar images (half-pixel centres, edges clamped), to feed fixed-size encoders.</summary>
public static class BilinearResize
{
    public static float[] Resize(PlanarImage image, int width, int height)
    {
        var output = new float[PlanarImage.Channels * width * height];
        var sx = (double)image.Width / width;
        var sy = (double)image.Height / height;
        for (var y = 0; y < height; y++)
        {
            var fy = Math.Clamp((y + 0.5) * sy - 0.5, 0, image.Height - 1);
            var y0 = (int)fy;
            var y1 = Math.Min(y0 + 1, image.Height - 1);
            var wy = fy - y0;
            for (var x = 0; x < width; x++)
            {
                var fx = Math.Clamp((x + 0.5) * sx - 0.5, 0, image.Width - 1);
                var x0 = (int)fx;
                var x1 = Math.Min(x0 + 1, image.Width - 1);
                var wx = fx - x0;
                for (var c = 0; c < PlanarImage.Channels; c++)
                {
                    var top = image[c, y0, x0] * (1 - wx) + image[c, y0, x1] * wx;
                    var bottom = image[c, y1, x0] * (1 - wx) + image[c, y1, x1] * wx;
                    output[(c * height + y) * width + x] = (float)(top * (1 - wy) + bottom * wy);
                }
            }
        }
        return output;
    }
}
