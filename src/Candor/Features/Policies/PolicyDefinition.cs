using System.Text.Json.Nodes;
using Candor.Features.Rules;

namespace Candor.Features.Policies;

/// <summary>What a hit of a clause's rules leads to.</summary>
public enum ClauseOutcome
{
    /// <summary>Only recorded with the evaluation.</summary>
    Record,

    /// <summary>Sent to the human review queue.</summary>
    Review,

    /// <summary>A decision is issued automatically (only where the clause allows automation).</summary>
    Decide,
}

/// <summary>How a clause maps onto a DSA statement of reasons (Transparency Database fields).</summary>
public sealed record DsaMapping(
    string DecisionGround,
    string? Category,
    IReadOnlyList<string> Keywords,
    IReadOnlyList<string> Restrictions,
    int? DurationDays);

public sealed record RuleDefinition(string Id, string? Description, RuleSubjectKind AppliesTo, bool Shadow, JsonNode When, RuleNode Compiled);

public sealed record ClauseDefinition(
    string Id,
    string Title,
    string Text,
    DsaMapping Dsa,
    bool AutomationMayDecide,
    ClauseOutcome OnHit,
    IReadOnlyList<RuleDefinition> Rules);

/// <summary>One policy as read from its file: the unit that is versioned and published.</summary>
public sealed record PolicyDefinition(
    string Id,
    string Title,
    string Version,
    DateTimeOffset EffectiveFrom,
    string Summary,
    IReadOnlyList<ClauseDefinition> Clauses,
    string SourceFile,
    string SourceText)
{
    public int RuleCount => Clauses.Sum(c => c.Rules.Count);
}

/// <summary>A whole catalogue directory: its policies and the lists their rules use.</summary>
public sealed record PolicyCatalogue(IReadOnlyList<PolicyDefinition> Policies, IReadOnlyDictionary<string, NamedList> Lists);

/// <summary>Why an import was refused: the file, the line (1-based, 0 when the whole file) and the reason.</summary>
public sealed record CatalogueError(string File, long Line, string Reason)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Reason}" : $"{File}: {Reason}";
}
