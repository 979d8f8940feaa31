using System.Globalization;
using System.Text.RegularExpressions;

namespace Candor.Features.Decisions.Tdb;

/// <summary>
/// The few Laravel validation rules the TDB uses, with Laravel's semantics: implicit rules (required…) always
/// run; other rules run only when the key is present, and not on null when the field is nullable; rules run in
/// order and an exclude rule drops the field and stops its later rules. Messages are Laravel's English ones.
/// </summary>
internal sealed partial class TdbFieldCheck(
    Dictionary<string, object?> input, TdbErrors errors, HashSet<string> excluded, string name, bool nullable, string? errorKey = null)
{
    private bool _stopped;

    public bool Present => input.ContainsKey(name);
    public object? Value => input.GetValueOrDefault(name);
    private string Key => errorKey ?? name;
    private string Attribute => Displayable(Key);

    /// <summary>Laravel's displayable attribute: snake_case, underscores as spaces (so <c>EAN-13</c> reads "e a n-13").</summary>
    public static string Displayable(string attribute) =>
        UpperAfterAnything().Replace(attribute, "$1_").ToLowerInvariant().Replace('_', ' ');

    public static bool Filled(object? value) => value switch
    {
        null => false,
        List<object?> list => list.Count > 0,
        Dictionary<string, object?> map => map.Count > 0,
        _ => true,
    };

    private bool Runs => !_stopped && Present && !(nullable && Value is null);

    private TdbFieldCheck Fail(string message)
    {
        errors.Add(Key, message);
        return this;
    }

    public TdbFieldCheck Required() => _stopped || Filled(Value) ? this : Fail($"The {Attribute} field is required.");

    public TdbFieldCheck RequiredIf(bool condition, string? message = null) =>
        _stopped || !condition || Filled(Value) ? this : Fail(message ?? $"The {Attribute} field is required.");

    public TdbFieldCheck RequiredWithoutAll(params string[] others) =>
        _stopped || Filled(Value) || others.Any(o => Filled(input.GetValueOrDefault(o)))
            ? this
            : Fail($"The {Attribute} field is required when none of {string.Join(" / ", others.Select(Displayable))} are present.");

    /// <summary>Drops the field (unvalidated by the rules after this one) unless <paramref name="keep"/>.</summary>
    public TdbFieldCheck ExcludeUnless(bool keep)
    {
        if (_stopped || keep) return this;
        excluded.Add(name);
        _stopped = true;
        return this;
    }

    public TdbFieldCheck In(IReadOnlySet<string> allowed, bool nullLiteral = false) =>
        !Runs || IsAllowed(Value, allowed, nullLiteral) ? this : Fail($"The selected {Attribute} is invalid.");

    /// <summary>Laravel calls a JSON object an array too; its message says so.</summary>
    public TdbFieldCheck Object() => !Runs || Value is Dictionary<string, object?> ? this : Fail($"The {Attribute} field must be an array.");

    public TdbFieldCheck Array() => !Runs || Value is List<object?> ? this : Fail($"The {Attribute} field must be an array.");

    /// <summary>Laravel's <c>in</c> over an array value: every item must be allowed; one message for the field.</summary>
    public TdbFieldCheck InEach(IReadOnlySet<string> allowed, bool nullLiteral = false) =>
        !Runs || Value is not List<object?> items || items.All(i => IsAllowed(i, allowed, nullLiteral)) ? this : Fail($"The selected {Attribute} is invalid.");

    /// <summary>Text fields take strings (and numbers, as PHP would); anything else is refused here where the TDB would fail later.</summary>
    public TdbFieldCheck Text() => !Runs || Value is null or string or TdbNumber ? this : Fail($"The {Attribute} field must be a string.");

    /// <summary>Laravel's <c>max</c> on a string: characters (code points, as mb_strlen), not bytes.</summary>
    public TdbFieldCheck Max(int characters) =>
        !Runs || TextOf(Value) is not { } text || text.Length <= characters || CodePoints(text) <= characters ? this : Fail($"The {Attribute} field must not be greater than {characters} characters.");

    public TdbFieldCheck Regex(Regex pattern) =>
        !Runs || TextOf(Value) is { } text && pattern.IsMatch(text) ? this : Fail($"The {Attribute} field format is invalid.");

    public TdbFieldCheck Url() =>
        !Runs || TextOf(Value) is { } text && IsUrl(text) ? this : Fail($"The {Attribute} field must be a valid URL.");

    public TdbFieldCheck Digits(int count) =>
        !Runs || Value is string text && text.Length == count && text.All(char.IsAsciiDigit) ? this : Fail($"The {Attribute} field must be {count} digits.");

    /// <summary>Strict <c>Y-m-d</c>: leading zeros required, impossible dates rejected; the later date rules need a valid date.</summary>
    public TdbFieldCheck Date(string formatMessage, DateOnly? notBefore, DateOnly notAfter)
    {
        if (!Runs) return this;
        if (Value is not string text || !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            _stopped = true;
            return Fail(formatMessage);
        }
        if (notBefore is { } min && date < min) Fail($"The {Attribute} field must be a date after or equal to {min:yyyy-MM-dd}.");
        if (date > notAfter) Fail($"The {Attribute} field must be a date before or equal to {notAfter:yyyy-MM-dd}.");
        return this;
    }

    public static string? TextOf(object? value) => value switch
    {
        string s => s,
        TdbNumber n => n.Text,
        _ => null,
    };

    public static int CodePoints(string text)
    {
        // Every code point is one or two UTF-16 units, so the length bounds the count from above.
        var count = 0;
        foreach (var _ in text.EnumerateRunes()) count++;
        return count;
    }

    private static bool IsAllowed(object? value, IReadOnlySet<string> allowed, bool nullLiteral) =>
        value is string s && (allowed.Contains(s) || (nullLiteral && s == TdbEnums.NullLiteral));

    private static bool IsUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "ftp" or "ftps" && uri.Host.Length > 0
        && !text.Any(char.IsWhiteSpace);

    [GeneratedRegex("(.)(?=[A-Z])")]
    private static partial Regex UpperAfterAnything();
}
