namespace EmuEdit.Cli.FewShot;

/// <summary>bench/results/fewshot.json: per task, example count and method, the held-out success rate.</summary>
public sealed record FewShotReport(string Command, string Model, DateTimeOffset Created, FewShotSettings Settings, IReadOnlyList<FewShotResult> Results);

/// <summary>
/// One method on one task with <see cref="Examples"/> examples (zero-shot learns nothing: its row repeats for
/// every count), scored on <see cref="HeldOut"/> held-out examples by the evaluator's success criterion.
/// </summary>
public sealed record FewShotResult(string Task, int Examples, string Method, double SuccessRate, double L1ToTarget, int HeldOut, double Seconds);
