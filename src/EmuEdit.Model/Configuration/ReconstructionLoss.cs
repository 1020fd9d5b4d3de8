namespace EmuEdit.Model.Configuration;

/// <summary>The autoencoder's pixel reconstruction term.</summary>
public enum ReconstructionLoss
{
    /// <summary>Mean absolute error: sharper reconstructions than MSE for the same training time.</summary>
    L1,

    /// <summary>Mean squared error.</summary>
    Mse,
}
