using System.Globalization;
using System.Text.RegularExpressions;

namespace Candor.Features.Policies;

/// <summary>Policy versions are dotted numbers ("3", "1.2", "2.0.1"), compared number by number.</summary>
public static partial class PolicyVersions
{
    public static bool IsValid(string version) => Shape().IsMatch(version);

    public static int Compare(string a, string b)
    {
        var x = Parts(a);
        var y = Parts(b);
        for (var i = 0; i < Math.Max(x.Length, y.Length); i++)
        {
            var c = (i < x.Length ? x[i] : 0).CompareTo(i < y.Length ? y[i] : 0);
            if (c != 0) return c;
        }
        return 0;
    }

    /// <summary>A string that sorts like the version ("1.10" → "000001.000010.000000"), for ordering in SQL.</summary>
    public static string SortKey(string version) =>
        string.Join('.', Parts(version).Concat(Enumerable.Repeat(0, 3)).Take(3).Select(p => p.ToString("D6", CultureInfo.InvariantCulture)));

    private static int[] Parts(string version) => version.Split('.').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();

    [GeneratedRegex(@"^\d{1,6}(\.\d{1,6}){0,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
