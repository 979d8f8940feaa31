namespace Candor.Features.Screening.Lists;

/// <summary>A list file that is not in the format it claims, or is damaged; says where, so an operator can look.</summary>
public sealed class ListFormatException(string message, string? file = null, long line = 0, long position = 0)
    : Exception(Describe(message, file, line, position))
{
    public string? File { get; } = file;
    public long Line { get; } = line;
    public long Position { get; } = position;

    private static string Describe(string message, string? file, long line, long position)
    {
        var where = file is null ? "" : Path.GetFileName(file);
        if (line > 0) where += FormattableString.Invariant($" line {line}");
        if (position > 0) where += FormattableString.Invariant($" position {position}");
        return where.Length == 0 ? message : $"{where.Trim()}: {message}";
    }
}
