namespace Candor.Infrastructure;

/// <summary>
/// Endpoint metadata: this endpoint answers authentication and authorization failures as the EU Transparency
/// Database does (Laravel's <c>{"message":"Unauthenticated."}</c> and <c>{"message":"This action is unauthorized."}</c>),
/// so a TDB client pointed at Candor reads them as it already does. Every other endpoint answers problem details.
/// </summary>
public sealed class TdbCompatibleErrors
{
    public static readonly TdbCompatibleErrors Instance = new();

    public const string Unauthenticated = "Unauthenticated.";
    public const string Unauthorized = "This action is unauthorized.";

    public static bool Applies(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<TdbCompatibleErrors>() is not null;
}
