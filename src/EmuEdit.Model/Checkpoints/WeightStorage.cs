namespace EmuEdit.Model.Checkpoints;

/// <summary>The dtype parameters are stored in; loading always gives float32 back. Buffers stay float32.</summary>
public enum WeightStorage
{
    Float32,

    /// <summary>Half the size; about 3 significant digits, enough for inference.</summary>
    Float16,

    /// <summary>Half the size with float32's range; about 2 significant digits.</summary>
    BFloat16,
}
