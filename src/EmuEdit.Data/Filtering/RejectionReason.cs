namespace EmuEdit.Data.Filtering;

/// <summary>Why a candidate example was thrown away (paper §3.2 filtering, adapted to known scenes).</summary>
public enum RejectionReason
{
    /// <summary>The sampled scene could not carry this task's edit (no referable object, no free space...).</summary>
    Unusable,
    /// <summary>The instruction's referring expression matches no object or several.</summary>
    AmbiguousReferent,
    /// <summary>The referred object is mostly hidden behind others.</summary>
    HiddenReferent,
    /// <summary>The output scene does not do what the instruction says (the detector check of §3.2).</summary>
    Inconsistent,
    /// <summary>Target equals input pixel for pixel.</summary>
    Identical,
    /// <summary>The change is too small to see (and to learn).</summary>
    Invisible,
}
