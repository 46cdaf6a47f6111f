using System.Text;
using Publishing.Faults.Scenarios;

namespace Publishing.Faults;

/// <summary>The results as the markdown table docs/reliability.md shows.</summary>
public static class Report
{
    public static string Seconds(double? seconds) => seconds is { } s ? $"{s:0.0} s" : "never";

    public static string Table(IReadOnlyList<ScenarioResult> results, bool full)
    {
        var text = new StringBuilder();
        text.AppendLine($"Fault suite, {(full ? "full" : "short")} form, {DateTimeOffset.UtcNow:yyyy-MM-dd}:");
        text.AppendLine();
        text.AppendLine("| fault | lasted | publications | lost | duplicate effects | duplicate deliveries | converged after | notes |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            var notes = string.Join("; ", new[] { r.Notes, r.Error is null ? "" : $"error: {r.Error}" }.Where(n => n.Length > 0));
            text.AppendLine($"| {r.Fault} (`{r.Name}`) | {r.FaultSeconds:0} s | {r.Publications} | {r.Lost} | {r.DuplicateEffects} | " +
                            $"{r.DuplicateDeliveries} | {Seconds(r.ConvergeSeconds)} | {notes.Replace("|", "/")} |");
        }
        text.AppendLine();
        text.AppendLine($"Total: {results.Sum(r => r.Publications)} publications, {results.Sum(r => r.Lost)} lost, " +
                        $"{results.Sum(r => r.DuplicateEffects)} duplicate effects, {results.Sum(r => r.DuplicateDeliveries)} duplicate deliveries.");
        return text.ToString();
    }
}
