using System.Text.RegularExpressions;
using EmuEdit.Gateway.Validation;

namespace EmuEdit.Gateway.Tasks;

/// <summary>
/// The names a learned task may take: letters, digits, '-', '_' and '.', starting with a letter or digit.
/// Names are case-insensitive (as built-in ones are), so they are stored in lower case.
/// </summary>
public static partial class TaskNames
{
    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex Allowed();

    /// <summary>The canonical (lower-case) name, or INVALID_ARGUMENT saying what is wrong with it.</summary>
    public static string Canonical(string? name, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(name)) throw RequestErrors.InvalidArgument("name is empty: give the new task a name, e.g. \"contour\".");
        string canonical = name.Trim().ToLowerInvariant();
        if (canonical.Length > maxLength) throw RequestErrors.InvalidArgument($"name is {canonical.Length} characters; the limit is {maxLength}.");
        if (!Allowed().IsMatch(canonical))
            throw RequestErrors.InvalidArgument($"name '{name}' may hold only letters, digits, '-', '_' and '.', and must start with a letter or digit.");
        return canonical;
    }
}
