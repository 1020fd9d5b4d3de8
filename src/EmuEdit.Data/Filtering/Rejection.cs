namespace EmuEdit.Data.Filtering;

public sealed record Rejection(RejectionReason Reason, string Detail)
{
    public override string ToString() => $"{Reason}: {Detail}";
}
