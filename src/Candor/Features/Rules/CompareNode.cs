using System.Globalization;

namespace Candor.Features.Rules;

public enum CompareOp
{
    Missing,
    Present,
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
    In,
}

/// <summary>
/// <c>compare</c>: a field against a constant. Text compares folded (case and accents ignored); numbers compare as
/// decimals when both sides are numbers. <c>missing</c>/<c>present</c> test for an empty field (e.g. no payer).
/// </summary>
public sealed class CompareNode(RuleField field, CompareOp op, IReadOnlyList<string> values) : RuleNode
{
    private readonly string[] _folded = values.Select(v => FoldedText.Of(v).Text).ToArray();
    private readonly decimal? _number = values.Count > 0 && decimal.TryParse(values[0], NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : null;
    private readonly Dictionary<string, string> _inputs = new()
    {
        ["field"] = RuleFields.Name(field),
        ["op"] = op.ToString().ToLowerInvariant(),
        ["value"] = string.Join(", ", values),
    };

    private readonly bool _numericField = RuleFields.IsNumeric(field);

    public override bool Test(RuleInput input)
    {
        // A number against a numeric field: compared as the ad holds it (the same result as through its text).
        if (_numericField && _number is { } constant && op is not (CompareOp.Missing or CompareOp.Present or CompareOp.In))
            return RuleFields.Number(input, field) is { } value && Decide(value.CompareTo(constant));
        return Holds(input.Raw(field), input);
    }

    public override Explanation Explain(RuleInput input)
    {
        var raw = input.Raw(field);
        return Explanation.Leaf("compare", _inputs, [$"{RuleFields.Name(field)}: {(string.IsNullOrWhiteSpace(raw) ? "(empty)" : raw)}"], Holds(raw, input));
    }

    private bool Holds(string? raw, RuleInput input)
    {
        var empty = string.IsNullOrWhiteSpace(raw);
        if (op == CompareOp.Missing) return empty;
        if (op == CompareOp.Present) return !empty;
        if (empty) return false;
        if (op == CompareOp.In) return _folded.Contains(input.Text(field).Text, StringComparer.Ordinal);
        if (_number is { } constant && decimal.TryParse(raw, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
            return Decide(number.CompareTo(constant));
        return Decide(string.CompareOrdinal(input.Text(field).Text, _folded[0]));
    }

    private bool Decide(int comparison) => op switch
    {
        CompareOp.Eq => comparison == 0,
        CompareOp.Ne => comparison != 0,
        CompareOp.Gt => comparison > 0,
        CompareOp.Ge => comparison >= 0,
        CompareOp.Lt => comparison < 0,
        CompareOp.Le => comparison <= 0,
        _ => false,
    };
}
