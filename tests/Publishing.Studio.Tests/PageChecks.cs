using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Publishing.Studio.Tests;

/// <summary>What every page a test visits is held to, at desktop and phone widths.</summary>
public static class PageChecks
{
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>axe's serious and critical violations on the page as it is now, described for a failure message.</summary>
    public static async Task<List<string>> AxeProblemsAsync(this IPage page, string name)
    {
        var result = await page.RunAxe();
        return result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{name} ({page.Url}): [{v.Impact}] {v.Id}: {v.Help} at {string.Join("; ", v.Nodes.Take(3).Select(n => n.Html))}")
            .ToList();
    }

    /// <summary>Fails with every serious or critical axe violation on the page as it is now.</summary>
    public static async Task AssertAccessibleAsync(this IPage page, string name)
    {
        var problems = await page.AxeProblemsAsync(name);
        Xunit.Assert.True(problems.Count == 0, "Serious or critical accessibility violations:\n" + string.Join("\n", problems));
    }

    /// <summary>
    /// How far the page is wider than the window (0 when nothing scrolls sideways), and the widest
    /// element that pokes out, to say where.
    /// </summary>
    public static Task<string> HorizontalOverflowAsync(this IPage page) =>
        page.EvaluateAsync<string>("""
            () => {
              const width = document.documentElement.clientWidth;
              const over = document.documentElement.scrollWidth - width;
              if (over <= 0) return "";
              let worst = null, right = width;
              for (const el of document.querySelectorAll("body *")) {
                const r = el.getBoundingClientRect();
                if (r.right > right) { right = r.right; worst = el; }
              }
              return `${over}px too wide; widest: <${worst?.tagName.toLowerCase()} class="${worst?.className}"> reaching ${Math.round(right)}px`;
            }
            """);
}
