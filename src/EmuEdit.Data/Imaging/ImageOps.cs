namespace EmuEdit.Data.Imaging;

/// <summary>Pixel operations shared by effects, masks and modalities. Separable filters keep them fast.</summary>
public static class ImageOps
{
    public static float[] GaussianKernel(float sigma)
    {
        int radius = Math.Max(1, (int)MathF.Ceiling(sigma * 3f));
        var k = new float[2 * radius + 1];
        float sum = 0;
        for (int i = -radius; i <= radius; i++)
        {
            k[i + radius] = MathF.Exp(-(i * i) / (2f * sigma * sigma));
            sum += k[i + radius];
        }
        for (int i = 0; i < k.Length; i++) k[i] /= sum;
        return k;
    }

    /// <summary>Separable convolution of a planar float buffer with clamped borders.</summary>
    private static void Convolve(float[] src, float[] dst, int w, int h, int channels, float[] kernel)
    {
        int r = kernel.Length / 2;
        var tmp = new float[src.Length];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                for (int c = 0; c < channels; c++)
                {
                    float s = 0;
                    for (int k = -r; k <= r; k++)
                    {
                        int xx = Math.Clamp(x + k, 0, w - 1);
                        s += kernel[k + r] * src[(y * w + xx) * channels + c];
                    }
                    tmp[(y * w + x) * channels + c] = s;
                }
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                for (int c = 0; c < channels; c++)
                {
                    float s = 0;
                    for (int k = -r; k <= r; k++)
                    {
                        int yy = Math.Clamp(y + k, 0, h - 1);
                        s += kernel[k + r] * tmp[(yy * w + x) * channels + c];
                    }
                    dst[(y * w + x) * channels + c] = s;
                }
    }

    public static RgbImage GaussianBlur(RgbImage image, float sigma)
    {
        var result = new RgbImage(image.Width, image.Height);
        Convolve(image.Data, result.Data, image.Width, image.Height, 3, GaussianKernel(sigma));
        return result;
    }

    public static GrayImage GaussianBlur(GrayImage image, float sigma)
    {
        var result = new GrayImage(image.Width, image.Height);
        Convolve(image.Data, result.Data, image.Width, image.Height, 1, GaussianKernel(sigma));
        return result;
    }

    /// <summary>Binary dilation with a disc of <paramref name="radius"/> pixels: any pixel above <paramref name="threshold"/> spreads.</summary>
    public static GrayImage Dilate(GrayImage mask, int radius, float threshold = 0f)
    {
        int w = mask.Width, h = mask.Height;
        var result = new GrayImage(w, h);
        if (radius <= 0)
        {
            for (int i = 0; i < mask.Data.Length; i++) result.Data[i] = mask.Data[i] > threshold ? 1f : 0f;
            return result;
        }
        int r2 = radius * radius;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                if (mask.Data[y * w + x] <= threshold) continue;
                for (int dy = -radius; dy <= radius; dy++)
                {
                    int yy = y + dy;
                    if ((uint)yy >= (uint)h) continue;
                    for (int dx = -radius; dx <= radius; dx++)
                    {
                        int xx = x + dx;
                        if ((uint)xx >= (uint)w || dx * dx + dy * dy > r2) continue;
                        result.Data[yy * w + xx] = 1f;
                    }
                }
            }
        return result;
    }

    /// <summary>Sobel gradient magnitude of the luma, roughly in [0, 1] for step edges.</summary>
    public static GrayImage EdgeMagnitude(RgbImage image)
    {
        int w = image.Width, h = image.Height;
        var luma = new float[w * h];
        for (int i = 0; i < luma.Length; i++)
            luma[i] = 0.299f * image.Data[i * 3] + 0.587f * image.Data[i * 3 + 1] + 0.114f * image.Data[i * 3 + 2];
        float L(int x, int y) => luma[Math.Clamp(y, 0, h - 1) * w + Math.Clamp(x, 0, w - 1)];
        var edges = new GrayImage(w, h);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                float gx = L(x + 1, y - 1) + 2 * L(x + 1, y) + L(x + 1, y + 1) - L(x - 1, y - 1) - 2 * L(x - 1, y) - L(x - 1, y + 1);
                float gy = L(x - 1, y + 1) + 2 * L(x, y + 1) + L(x + 1, y + 1) - L(x - 1, y - 1) - 2 * L(x, y - 1) - L(x + 1, y - 1);
                edges.Data[y * w + x] = Math.Min(1f, MathF.Sqrt(gx * gx + gy * gy) / 4f);
            }
        return edges;
    }

    /// <summary>Box-filter downsampling by an integer factor (sides not divisible are cropped to whole blocks, then the rest repeats the last block).</summary>
    public static RgbImage Downsample(RgbImage image, int factor)
    {
        int w = Math.Max(1, image.Width / factor), h = Math.Max(1, image.Height / factor);
        var result = new RgbImage(w, h);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                float r = 0, g = 0, b = 0;
                int n = 0;
                for (int dy = 0; dy < factor; dy++)
                    for (int dx = 0; dx < factor; dx++)
                    {
                        int sx = Math.Min(image.Width - 1, x * factor + dx), sy = Math.Min(image.Height - 1, y * factor + dy);
                        Rgb p = image[sx, sy];
                        r += p.R; g += p.G; b += p.B; n++;
                    }
                result[x, y] = new Rgb(r / n, g / n, b / n);
            }
        return result;
    }

    public static RgbImage UpsampleNearest(RgbImage image, int width, int height)
    {
        var result = new RgbImage(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                result[x, y] = image[Math.Min(image.Width - 1, x * image.Width / width), Math.Min(image.Height - 1, y * image.Height / height)];
        return result;
    }

    /// <summary>Bilinear resampling with pixel-centre alignment (what "upsample a low-resolution image" usually means).</summary>
    public static RgbImage ResizeBilinear(RgbImage image, int width, int height)
    {
        var result = new RgbImage(width, height);
        float sx = (float)image.Width / width, sy = (float)image.Height / height;
        for (int y = 0; y < height; y++)
        {
            float fy = Math.Clamp((y + 0.5f) * sy - 0.5f, 0f, image.Height - 1);
            int y0 = (int)fy, y1 = Math.Min(y0 + 1, image.Height - 1);
            float ty = fy - y0;
            for (int x = 0; x < width; x++)
            {
                float fx = Math.Clamp((x + 0.5f) * sx - 0.5f, 0f, image.Width - 1);
                int x0 = (int)fx, x1 = Math.Min(x0 + 1, image.Width - 1);
                float tx = fx - x0;
                Rgb top = Rgb.Lerp(image[x0, y0], image[x1, y0], tx);
                Rgb bottom = Rgb.Lerp(image[x0, y1], image[x1, y1], tx);
                result[x, y] = Rgb.Lerp(top, bottom, ty);
            }
        }
        return result;
    }

    /// <summary>target = a where mask is 0, b where mask is 1, blended between; exact copies of a where mask is exactly 0.</summary>
    public static RgbImage Composite(RgbImage a, RgbImage b, GrayImage mask)
    {
        RgbImage.CheckSameSize(a, b);
        var result = a.Clone();
        for (int p = 0; p < mask.Data.Length; p++)
        {
            float m = mask.Data[p];
            if (m <= 0f) continue;
            int i = p * 3;
            for (int c = 0; c < 3; c++) result.Data[i + c] = m >= 1f ? b.Data[i + c] : a.Data[i + c] + (b.Data[i + c] - a.Data[i + c]) * m;
        }
        return result;
    }
}
