namespace Candor.Features.Identity;

/// <summary>The roles of docs/security.md. All but <see cref="SuperAdmin"/> are held per platform.</summary>
public static class Roles
{
    public const string SuperAdmin = "super-admin";
    public const string Admin = "admin";
    public const string PolicyEditor = "policy-editor";
    public const string Reviewer = "reviewer";
    public const string SeniorReviewer = "senior-reviewer";
    public const string Auditor = "auditor";
    public const string Advertiser = "advertiser";

    public static readonly IReadOnlyList<string> All = [SuperAdmin, Admin, PolicyEditor, Reviewer, SeniorReviewer, Auditor, Advertiser];

    public static bool NeedsPlatform(string role) => role != SuperAdmin;

    public static bool NeedsAdvertiser(string role) => role == Advertiser;
}
