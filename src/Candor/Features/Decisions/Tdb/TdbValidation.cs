using System.Text.RegularExpressions;
using static Candor.Features.Decisions.Tdb.TdbEnums;

namespace Candor.Features.Decisions.Tdb;

public sealed record TdbValidationResult(TdbStatement? Statement, TdbErrors Errors);

/// <summary>
/// The EU Transparency Database's statement validation (v2 schema), rule for rule as its code does it
/// (docs/tdb-compatibility.md lists where that differs from its documentation and where Candor deviates).
/// Pure: the caller has already parsed and trimmed the JSON (<see cref="TdbInput"/>).
/// </summary>
public static partial class TdbValidation
{
    public const int ShortText = 500;
    public const int Explanation = 2000;
    public const int Facts = 5000;

    private static readonly DateOnly ContentDateMin = new(2000, 1, 1);
    private static readonly DateOnly ApplicationDateMin = new(2020, 1, 1);
    private static readonly DateOnly DateMax = new(2038, 1, 1);

    private static readonly string[] DecisionFields = ["decision_visibility", "decision_monetary", "decision_provision", "decision_account"];

    public static TdbValidationResult Validate(Dictionary<string, object?> input, TdbEndpoint endpoint)
    {
        var errors = new TdbErrors();
        var excluded = new HashSet<string>(StringComparer.Ordinal);
        TdbFieldCheck Field(string name, bool nullable = false) => new(input, errors, excluded, name, nullable);
        var single = endpoint == TdbEndpoint.Statement;
        string? Str(string name) => excluded.Contains(name) ? null : TdbFieldCheck.TextOf(input.GetValueOrDefault(name));
        bool Contains(string name, string value) => input.GetValueOrDefault(name) is List<object?> items && items.Contains(value);
        var ground = input.GetValueOrDefault("decision_ground") as string;

        Field("decision_visibility", nullable: true).Array().InEach(DecisionVisibilities, nullLiteral: true).RequiredWithoutAll(Others("decision_visibility"));
        Field("decision_visibility_other").RequiredIf(Contains("decision_visibility", VisibilityOther))
            .ExcludeUnless(Contains("decision_visibility", VisibilityOther)).Text().Max(ShortText);
        Field("decision_monetary", nullable: true).In(DecisionMonetaries, nullLiteral: true).RequiredWithoutAll(Others("decision_monetary"));
        var monetaryOther = input.GetValueOrDefault("decision_monetary") as string == MonetaryOther;
        Field("decision_monetary_other").RequiredIf(monetaryOther, "The decision monetary other field is required when decision monetary is other.")
            .ExcludeUnless(monetaryOther).Text().Max(ShortText);
        Field("decision_provision", nullable: true).In(DecisionProvisions, nullLiteral: true).RequiredWithoutAll(Others("decision_provision"));
        Field("decision_account", nullable: true).In(DecisionAccounts, nullLiteral: true).RequiredWithoutAll(Others("decision_account"));
        Field("account_type", nullable: true).In(AccountTypes, nullLiteral: true);

        Field("decision_ground").Required().In(DecisionGrounds);
        Field("decision_ground_reference_url", nullable: true).Url().Max(ShortText);
        var illegal = ground == GroundIllegal;
        var incompatible = ground == GroundIncompatible;
        Field("illegal_content_legal_ground").RequiredIf(illegal, "The illegal content legal ground field is required when decision ground is illegal content.")
            .ExcludeUnless(illegal).Text().Max(ShortText);
        Field("illegal_content_explanation").RequiredIf(illegal, "The illegal content explanation field is required when decision ground is illegal content.")
            .ExcludeUnless(illegal).Text().Max(Explanation);
        Field("incompatible_content_ground").RequiredIf(incompatible, "The incompatible content ground field is required when decision ground is incompatible content.")
            .ExcludeUnless(incompatible).Text().Max(ShortText);
        Field("incompatible_content_explanation").RequiredIf(incompatible, "The incompatible content explanation field is required when decision ground is incompatible content.")
            .ExcludeUnless(incompatible).Text().Max(Explanation);
        // The value check comes before the exclusion, so a bad value (or null) is refused even under an illegal-content ground.
        Field("incompatible_content_illegal").In(YesNo).ExcludeUnless(incompatible);

        Field("content_type").Array().Required().InEach(ContentTypes);
        var contentTypeOther = Contains("content_type", ContentTypeOther);
        Field("content_type_other").RequiredIf(contentTypeOther).ExcludeUnless(contentTypeOther).Text().Max(ShortText);
        Field("category").Required().In(Categories);
        Field("category_addition").Array().InEach(Categories);
        Field("category_specification", nullable: true).Array().InEach(Keywords, nullLiteral: true);
        Field("category_specification_other").Text().Max(ShortText);
        Field("territorial_scope", nullable: true).Array().InEach(TerritorialScopes);
        Field("content_language", nullable: true).In(Languages);

        Field("content_date").Required().Date("The content date does not match the format YYYY-MM-DD.", ContentDateMin, DateMax);
        Field("application_date").Required().Date("The application date does not match the format YYYY-MM-DD.", ApplicationDateMin, DateMax);
        foreach (var (name, what) in EndDates)
            Field(name, nullable: true).Date($"The end date of {what} restriction does not match the format YYYY-MM-DD.", null, DateMax);

        Field("decision_facts").Required().Text().Max(Facts);
        Field("source_type").Required().In(SourceTypes);
        var voluntary = input.GetValueOrDefault("source_type") as string == SourceVoluntary;
        if (single) Field("source_identity").ExcludeUnless(!voluntary).Text().Max(ShortText);
        else Field("source_identity", nullable: true).Text().Max(ShortText);
        Field("automated_detection").Required().In(YesNo);
        Field("automated_decision").Required().In(AutomatedDecisions);
        Field("puid").Required().Text().Max(ShortText).Regex(PuidPattern());

        Field("content_id", nullable: true).Object();
        if (input.GetValueOrDefault("content_id") is Dictionary<string, object?> contentId)
            new TdbFieldCheck(contentId, errors, excluded, "EAN-13", nullable: true, errorKey: "content_id.EAN-13").Digits(13);
        if (single) Field("content_id_ean", nullable: true).Digits(13);

        if (errors.Any) return new TdbValidationResult(null, errors);

        var category = (string)input["category"]!;
        var keywords = Strings(input.GetValueOrDefault("category_specification"));
        var statement = new TdbStatement
        {
            DecisionVisibility = Normalised(Strings(input.GetValueOrDefault("decision_visibility")), single),
            DecisionVisibilityOther = Str("decision_visibility_other"),
            DecisionMonetary = Str("decision_monetary"),
            DecisionMonetaryOther = Str("decision_monetary_other"),
            DecisionProvision = Str("decision_provision"),
            DecisionAccount = Str("decision_account"),
            AccountType = Str("account_type"),
            DecisionGround = ground!,
            DecisionGroundReferenceUrl = Str("decision_ground_reference_url"),
            IllegalContentLegalGround = Str("illegal_content_legal_ground"),
            IllegalContentExplanation = Str("illegal_content_explanation"),
            IncompatibleContentGround = Str("incompatible_content_ground"),
            IncompatibleContentExplanation = Str("incompatible_content_explanation"),
            IncompatibleContentIllegal = Str("incompatible_content_illegal"),
            ContentType = Normalised(Strings(input["content_type"]), single),
            ContentTypeOther = Str("content_type_other"),
            Category = category,
            // Only the single endpoint takes the primary category out of the additional ones.
            CategoryAddition = single
                ? Normalised(Strings(input.GetValueOrDefault("category_addition")).Where(c => c != category).ToList(), true)
                : Strings(input.GetValueOrDefault("category_addition")),
            CategorySpecification = Normalised(keywords, single),
            // The batch endpoint keeps this text only next to KEYWORD_OTHER; the single one always keeps it.
            CategorySpecificationOther = single || keywords.Contains(KeywordOther) ? Str("category_specification_other") : null,
            TerritorialScope = Normalised(Strings(input.GetValueOrDefault("territorial_scope")), true),
            ContentLanguage = Str("content_language"),
            ContentDate = DateOf(input["content_date"])!.Value,
            ApplicationDate = DateOf(input["application_date"])!.Value,
            EndDateVisibilityRestriction = DateOf(input.GetValueOrDefault("end_date_visibility_restriction")),
            EndDateMonetaryRestriction = DateOf(input.GetValueOrDefault("end_date_monetary_restriction")),
            EndDateServiceRestriction = DateOf(input.GetValueOrDefault("end_date_service_restriction")),
            EndDateAccountRestriction = DateOf(input.GetValueOrDefault("end_date_account_restriction")),
            DecisionFacts = Str("decision_facts")!,
            SourceType = (string)input["source_type"]!,
            SourceIdentity = voluntary ? null : Str("source_identity"),
            AutomatedDetection = (string)input["automated_detection"]!,
            AutomatedDecision = (string)input["automated_decision"]!,
            Puid = Str("puid")!,
            ContentIdEan = (input.GetValueOrDefault("content_id") as Dictionary<string, object?>)?.GetValueOrDefault("EAN-13") as string
                ?? (single ? Str("content_id_ean") : null),
        };
        return new TdbValidationResult(statement, errors);
    }

    private static readonly (string Name, string What)[] EndDates =
    [
        ("end_date_visibility_restriction", "visibility"), ("end_date_monetary_restriction", "monetary"),
        ("end_date_service_restriction", "service"), ("end_date_account_restriction", "account"),
    ];

    private static string[] Others(string field) => DecisionFields.Where(f => f != field).ToArray();

    private static List<string> Strings(object? value) => value is List<object?> items ? items.OfType<string>().ToList() : [];

    private static List<string> Normalised(List<string> values, bool dedupeAndSort) =>
        dedupeAndSort ? values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList() : values;

    private static DateOnly? DateOf(object? value) =>
        value is string text ? DateOnly.ParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null;

    // \z, not $: PHP's /D modifier does not let a final newline through, and neither may we.
    [GeneratedRegex(@"^[a-zA-Z0-9_-]+\z")]
    private static partial Regex PuidPattern();
}
