using System.Globalization;

namespace EmuEdit.Queue;

/// <summary>
/// A registration in flight holds its task's name, so two registrations of one name cannot run at once
/// and an edit naming it can be told to wait. Stored as "{registration id} {claimed at, unix ms}".
/// </summary>
public sealed record TaskClaim(string Name, string RegistrationId, DateTimeOffset ClaimedAt)
{
    internal string ToField() => string.Create(CultureInfo.InvariantCulture, $"{RegistrationId} {ClaimedAt.ToUnixTimeMilliseconds()}");

    internal static TaskClaim Parse(string name, string field)
    {
        int space = field.LastIndexOf(' ');
        if (space <= 0 || !long.TryParse(field.AsSpan(space + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out long ms))
            throw new InvalidDataException($"The claim on task '{name}' is malformed: '{field}'.");
        return new TaskClaim(name, field[..space], DateTimeOffset.FromUnixTimeMilliseconds(ms));
    }
}
