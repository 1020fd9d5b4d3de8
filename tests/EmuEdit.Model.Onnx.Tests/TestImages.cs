using static TorchSharp.torch;

namespace EmuEdit.Model.Onnx.Tests;

/// <summary>Images with structure (gradient background, a rectangle, a disc), like the procedural data set, in [-1, 1].</summary>
internal static class TestImages
{
    public static Tensor Generate(int count, int height, int width, int seed)
    {
        var random = new Random(seed);
        var pixels = new float[count * 3 * height * width];
        for (var n = 0; n < count; n++)
        {
            var background = Colour(random);
            var rectangle = Colour(random);
            var disc = Colour(random);
            int rx = random.Next(width / 2), ry = random.Next(height / 2), rw = random.Next(4, width / 2), rh = random.Next(4, height / 2);
            double cx = random.Next(width), cy = random.Next(height), radius = random.Next(4, Math.Max(5, width / 4));
            for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var shade = (float)(x + y) / (width + height);
                for (var c = 0; c < 3; c++)
                {
                    var value = background[c] * (0.5f + 0.5f * shade);
                    if (x >= rx && x < rx + rw && y >= ry && y < ry + rh) value = rectangle[c];
                    if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius) value = disc[c];
                    pixels[((n * 3 + c) * height + y) * width + x] = value * 2 - 1;
                }
            }
        }
        return tensor(pixels, [count, 3, height, width]);
    }

    public static float[] Floats(Tensor t) => t.detach().cpu().contiguous().data<float>().ToArray();

    private static float[] Colour(Random random) => [random.NextSingle(), random.NextSingle(), random.NextSingle()];
}
