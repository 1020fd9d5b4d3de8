namespace EmuEdit.Pipeline.Remote;

/// <summary>Tensor names of the internal services' streams (docs/api.md, "Internal services").</summary>
public static class WireNames
{
    public const string Context = "context";
    public const string Mask = "mask";
    public const string Pooled = "pooled";
    public const string Image = "image";
    public const string Latent = "latent";

    /// <summary>Ranks: context [B, L, D], mask [B, L], pooled [B, D], images and latents [B, C, H, W].</summary>
    public const int ContextRank = 3;
    public const int MaskRank = 2;
    public const int PooledRank = 2;
    public const int ImageRank = 4;
}
