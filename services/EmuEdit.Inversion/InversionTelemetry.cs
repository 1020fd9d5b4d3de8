using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace EmuEdit.Inversion;

/// <summary>The inversion service's spans and metrics (exported by the service defaults, which take every "EmuEdit.*" source).</summary>
public static class InversionTelemetry
{
    public const string Name = "EmuEdit.Inversion";

    public const string LearnSpan = "inversion.learn";
    public const string ValidateSpan = "inversion.validate";
    public const string RegisterSpan = "inversion.register";
    public const string TaskTag = "emuedit.task";
    public const string ExamplesTag = "emuedit.examples";
    public const string StepsTag = "emuedit.steps";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Registrations finished, tag <c>outcome</c>: succeeded, failed, retried, handed_back.</summary>
    public static readonly Counter<long> Registrations = Meter.CreateCounter<long>("emuedit.inversion.registrations", "{registration}");

    /// <summary>Optimiser steps done; its rate is steps/s.</summary>
    public static readonly Counter<long> Steps = Meter.CreateCounter<long>("emuedit.inversion.steps", "{step}");
}
