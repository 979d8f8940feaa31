using Candor.Features.Ads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Candor.Features.Evaluations;

/// <summary>
/// One run of the rules in force over one ad or advertiser, stored with everything needed to explain it later:
/// which policy versions and lists (the rule-set hash), every hit with its explanation tree, and the outcome.
/// The latest per subject is the current view; <see cref="EvaluationPruning"/> deletes old rows that repeat the previous outcome.
/// </summary>
public sealed class Evaluation
{
    public long Id { get; set; }
    public long PlatformId { get; set; }

    /// <summary><see cref="EvaluationSubjects"/>: "ad" or "advertiser".</summary>
    public required string SubjectKind { get; set; }

    /// <summary>"ad:{id}" or "advertiser:{id}" (Candor's row ids): one column to find a subject's evaluations.</summary>
    public required string SubjectKey { get; set; }

    public long AdvertiserId { get; set; }
    public long? AdId { get; set; }

    /// <summary><see cref="Policies.PolicyJson.RuleSetHash"/> of the catalogue the evaluation ran with.</summary>
    public required string RuleSetHash { get; set; }

    /// <summary>JSON array of <c>{"id","version"}</c>: the policy versions in force.</summary>
    public required string PolicyVersionsJson { get; set; }

    /// <summary><see cref="EvaluationOutcomes"/>: the strongest effect among the non-shadow hits.</summary>
    public required string Outcome { get; set; }

    /// <summary>JSON array of hits: policy, version, clause, rule, on_hit, shadow, evidence, tree.</summary>
    public required string HitsJson { get; set; }

    public int HitCount { get; set; }
    public int ShadowHitCount { get; set; }

    /// <summary><see cref="EvaluationTriggers"/>: why it ran.</summary>
    public required string Trigger { get; set; }

    public DateTimeOffset EvaluatedAt { get; set; }
}

public static class EvaluationSubjects
{
    public const string Ad = "ad";
    public const string Advertiser = "advertiser";

    public static string KeyOfAd(long adId) => "ad:" + adId;
    public static string KeyOfAdvertiser(long advertiserId) => "advertiser:" + advertiserId;
}

public static class EvaluationOutcomes
{
    /// <summary>No rule fired (shadow hits do not count).</summary>
    public const string Clear = "clear";
    public const string Record = "record";
    public const string Review = "review";
    public const string Decide = "decide";
}

public static class EvaluationTriggers
{
    public const string Ingest = "ingest";
    public const string Reevaluation = "reevaluation";
    public const string Manual = "manual";
}

internal sealed class EvaluationConfiguration : IEntityTypeConfiguration<Evaluation>
{
    public void Configure(EntityTypeBuilder<Evaluation> b)
    {
        b.HasIndex(e => new { e.PlatformId, e.SubjectKey, e.Id });
        b.HasIndex(e => new { e.PlatformId, e.Outcome, e.Id });
        b.HasIndex(e => e.RuleSetHash);
        // Pruning walks subjects in key order and reads each one's rows in id order.
        b.HasIndex(e => new { e.SubjectKey, e.Id });
        b.Property(e => e.SubjectKind).HasMaxLength(16);
        b.Property(e => e.SubjectKey).HasMaxLength(40);
        b.Property(e => e.RuleSetHash).HasMaxLength(64);
        b.Property(e => e.Outcome).HasMaxLength(16);
        b.Property(e => e.Trigger).HasMaxLength(16);
        b.HasOne<Platforms.Platform>().WithMany().HasForeignKey(e => e.PlatformId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Advertisers.Advertiser>().WithMany().HasForeignKey(e => e.AdvertiserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Ad>().WithMany().HasForeignKey(e => e.AdId).OnDelete(DeleteBehavior.Restrict);
    }
}
