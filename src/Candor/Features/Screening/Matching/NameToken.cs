namespace Candor.Features.Screening.Matching;

/// <summary>What a token contributes to a name: legal forms, stopwords and initials carry little identity.</summary>
public enum TokenRole : byte { Word, LegalForm, Stopword, Initial, Number }

/// <summary>A normalised Latin token, its role, and the surface form it came from (e.g. "llc" from "ooo").</summary>
public readonly record struct NameToken(string Text, TokenRole Role, string Surface)
{
    public override string ToString() => Text == Surface ? Text : $"{Text}({Surface})";
}
