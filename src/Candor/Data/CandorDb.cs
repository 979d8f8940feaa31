using Candor.Features.Ads;
using Candor.Features.Advertisers;
using Candor.Features.Audit;
using Candor.Features.Decisions;
using Candor.Features.Decisions.Export;
using Candor.Features.Identity;
using Candor.Features.Jobs;
using Candor.Features.Mail;
using Candor.Features.Platforms;
using Candor.Features.Screening.Storage;
using Candor.Features.Tokens;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Candor.Data;

/// <summary>
/// The one DbContext. Each engine has a small subclass (<see cref="SqliteCandorDb"/>,
/// <see cref="PostgresCandorDb"/>) only so that each keeps its own migrations; handlers use this type.
/// </summary>
public abstract class CandorDb(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Platform> Platforms => Set<Platform>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<Advertiser> Advertisers => Set<Advertiser>();
    public DbSet<Ad> Ads => Set<Ad>();
    public DbSet<User> Users => Set<User>();
    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<ListSnapshot> ListSnapshots => Set<ListSnapshot>();
    public DbSet<StoredListEntry> ListEntries => Set<StoredListEntry>();
    public DbSet<Features.Screening.Vetting.ScreeningFinding> ScreeningFindings => Set<Features.Screening.Vetting.ScreeningFinding>();
    public DbSet<Features.Screening.Vetting.AdvertiserParty> AdvertiserParties => Set<Features.Screening.Vetting.AdvertiserParty>();
    public DbSet<Job> Jobs => Set<Job>();
    public DbSet<Decision> Decisions => Set<Decision>();
    public DbSet<DecisionEvent> DecisionEvents => Set<DecisionEvent>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<Features.Decisions.Issuing.DecisionText> DecisionTexts => Set<Features.Decisions.Issuing.DecisionText>();
    public DbSet<Features.Decisions.Issuing.DecisionTextBand> DecisionTextBands => Set<Features.Decisions.Issuing.DecisionTextBand>();
    public DbSet<Features.Notices.NoticeAccess> NoticeAccesses => Set<Features.Notices.NoticeAccess>();
    public DbSet<Features.Notices.WebhookEndpoint> WebhookEndpoints => Set<Features.Notices.WebhookEndpoint>();
    public DbSet<Features.Notices.WebhookDelivery> WebhookDeliveries => Set<Features.Notices.WebhookDelivery>();
    public DbSet<DecisionExport> DecisionExports => Set<DecisionExport>();
    public DbSet<Features.Policies.PolicyVersion> PolicyVersions => Set<Features.Policies.PolicyVersion>();
    public DbSet<Features.Policies.PolicyImport> PolicyImports => Set<Features.Policies.PolicyImport>();
    public DbSet<Features.Evaluations.Evaluation> Evaluations => Set<Features.Evaluations.Evaluation>();
    public DbSet<Features.Review.ReviewItem> ReviewItems => Set<Features.Review.ReviewItem>();

    /// <summary>The key ring that protects cookies and antiforgery tokens, shared by every node of one database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CandorDb).Assembly);
    }
}
