using System.Text;

namespace Candor.Features.Screening.Lists;

/// <summary>One CSV record and the line it starts on, so that errors can point at the file.</summary>
public readonly record struct CsvRecord(long Line, string[] Fields);

/// <summary>
/// A streaming RFC 4180 reader. Hand-written rather than a package because list files need what general readers
/// hide: the line a record starts on, and a truncated last record reported (or dropped) instead of swallowed.
/// </summary>
public static class CsvRecords
{
    /// <summary>A record longer than this is damage, not data (the largest real CSL row is about 20 KB).</summary>
    public const int MaxRecordChars = 1 << 20;

    /// <summary>Opens <paramref name="path"/> and streams its records.</summary>
    /// <param name="dropTruncatedLast">Drop a last record cut off inside a quoted field (a known CSL defect) instead of failing.</param>
    public static IEnumerable<CsvRecord> ReadFile(string path, Encoding encoding, bool dropTruncatedLast = false)
    {
        using var reader = new StreamReader(path, encoding);
        foreach (var record in Read(reader, path, dropTruncatedLast)) yield return record;
    }

    public static IEnumerable<CsvRecord> Read(TextReader reader, string? file = null, bool dropTruncatedLast = false)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        long line = 1, recordLine = 1, recordChars = 0;
        bool quoted = false, fieldStarted = false;
        int c;
        while ((c = reader.Read()) != -1)
        {
            if (++recordChars > MaxRecordChars)
                throw new ListFormatException("record exceeds 1 MiB; the file is damaged or not CSV", file, recordLine);
            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"') { reader.Read(); field.Append('"'); }
                    else quoted = false;
                }
                else
                {
                    if (ch == '\n') line++;
                    field.Append(ch);
                }
                continue;
            }
            switch (ch)
            {
                case '"' when !fieldStarted:
                    quoted = true;
                    fieldStarted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStarted = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    yield return new CsvRecord(recordLine, [.. fields]);
                    fields.Clear();
                    field.Clear();
                    fieldStarted = false;
                    recordLine = ++line;
                    recordChars = 0;
                    break;
                default:
                    // Text after a closing quote ("abc" def) is kept: real exports contain it, and dropping it loses data.
                    field.Append(ch);
                    fieldStarted = true;
                    break;
            }
        }
        if (quoted)
        {
            if (dropTruncatedLast) yield break;
            throw new ListFormatException("the file ends inside a quoted field (truncated or corrupted)", file, recordLine);
        }
        if (fieldStarted || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(recordLine, [.. fields]);
        }
    }
}
