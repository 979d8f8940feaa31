using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Candor.Features.Policies;

public enum DiffLineKind
{
    Same,
    Added,
    Removed,
}

public sealed record DiffLine(DiffLineKind Kind, string Text);

/// <summary>Policy text for people: safe HTML from the clauses' Markdown, and a line diff between two versions.</summary>
public static class PolicyText
{
    // Raw HTML in a policy file is shown as text, never rendered: policy files come from outside Candor's own code.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UseAutoLinks().Build();

    public static string Html(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
            if (link.Url is { } url && !IsSafeUrl(url)) link.Url = "#";
        return document.ToHtml(Pipeline);
    }

    private static bool IsSafeUrl(string url) =>
        url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || url.StartsWith('/') || url.StartsWith('#');

    /// <summary>A version as the lines a reader compares: headings, clause text, DSA mapping and rule ids.</summary>
    public static string Plain(PublicPolicy policy)
    {
        var lines = new List<string>
        {
            $"# {policy.Title} (version {policy.Version})",
            $"Effective from {policy.EffectiveFrom:yyyy-MM-dd}",
            "",
        };
        lines.AddRange(policy.Summary.Split('\n'));
        foreach (var clause in policy.Clauses)
        {
            lines.Add("");
            lines.Add($"## {clause.Id} {clause.Title}");
            lines.AddRange(clause.Text.Split('\n'));
            lines.Add($"DSA: {clause.Dsa.DecisionGround}; {clause.Dsa.Category ?? "no category"}; keywords: {string.Join(", ", clause.Dsa.Keywords)}");
            lines.Add($"Restrictions: {string.Join(", ", clause.Dsa.Restrictions)}; duration: {(clause.Dsa.DurationDays is { } d ? $"{d} days" : "indefinite")}");
            lines.Add($"Automation may decide: {(clause.AutomationMayDecide ? "yes" : "no")}; on a hit: {clause.OnHit}");
            foreach (var rule in clause.Rules) lines.Add($"Rule {rule.Id} ({rule.Mode}): {rule.Description ?? ""}");
        }
        return string.Join('\n', lines.Select(l => l.TrimEnd()));
    }

    public static List<DiffLine> Diff(PublicPolicy from, PublicPolicy to) =>
        InlineDiffBuilder.Diff(Plain(from), Plain(to), ignoreWhiteSpace: false).Lines.Select(l => new DiffLine(l.Type switch
        {
            ChangeType.Inserted => DiffLineKind.Added,
            ChangeType.Deleted => DiffLineKind.Removed,
            _ => DiffLineKind.Same,
        }, l.Text)).ToList();
}
