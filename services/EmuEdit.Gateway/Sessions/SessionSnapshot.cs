using EmuEdit.Gateway.Validation;

namespace EmuEdit.Gateway.Sessions;

/// <summary>One read of a session: its current image and its turns, oldest first.</summary>
public sealed record SessionSnapshot(
    string SessionId,
    DateTimeOffset CreatedAt,
    AcceptedImage CurrentImage,
    int Settled,
    IReadOnlyList<SessionTurnRecord> Turns)
{
    /// <summary>A turn whose edit has not been settled is still queued or running: the next one must wait.</summary>
    public bool HasTurnInProgress => Settled < Turns.Count;
}

/// <summary>
/// A turn as stored: what was asked, which edit ran it, and once it succeeded its result: the image (PNG, read
/// only when asked for) and the rest of the EditResult (<paramref name="Result"/>, no image; null for turns
/// settled before the gateway kept it).
/// </summary>
public sealed record SessionTurnRecord(int Index, string Instruction, string EditId, byte[]? ResultPng, EmuEdit.Contracts.V1.EditResult? Result = null);
