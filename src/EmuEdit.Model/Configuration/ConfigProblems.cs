namespace EmuEdit.Model.Configuration;

/// <summary>Collects validation problems so all of them are reported together, not the first one only.</summary>
internal sealed class ConfigProblems
{
    private readonly List<string> _problems = [];

    public void Require(bool condition, string problem)
    {
        if (!condition) _problems.Add(problem);
    }

    public void ThrowIfAny(string source)
    {
        if (_problems.Count == 0) return;
        throw new ModelConfigException(
            $"Invalid model configuration ({source}):" + Environment.NewLine + "  - " +
            string.Join(Environment.NewLine + "  - ", _problems));
    }

    public static bool IsPowerOfTwo(int value) => value > 0 && (value & (value - 1)) == 0;
}
