namespace Candor.Features.Decisions.Tdb;

/// <summary>Validation messages keyed by field exactly as the TDB (Laravel's MessageBag) keys them, in rule order.</summary>
public sealed class TdbErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public bool Any => _order.Count > 0;
    public int MessageCount => _errors.Values.Sum(m => m.Count);
    public IReadOnlyList<string> Fields => _order;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
            _order.Add(field);
        }
        messages.Add(message);
    }

    public IReadOnlyList<string> this[string field] => _errors.TryGetValue(field, out var m) ? m : [];

    /// <summary>The ordered <c>errors</c> object of a Laravel 422.</summary>
    public Dictionary<string, string[]> ToDictionary()
    {
        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var field in _order) result[field] = [.. _errors[field]];
        return result;
    }

    /// <summary>Laravel's summary: the first message, then "(and N more errors)".</summary>
    public string Summary()
    {
        var first = _errors[_order[0]][0];
        var more = MessageCount - 1;
        return more == 0 ? first : $"{first} (and {more} more {(more == 1 ? "error" : "errors")})";
    }
}
