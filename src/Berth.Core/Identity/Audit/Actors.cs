namespace Berth.Core.Identity.Audit;

/// <summary>Actors that are not callers.</summary>
public static class Actors
{
    /// <summary>Berth itself (first-start bootstrap, jobs). Never authenticates and holds no grants; it only names the actor in audit entries.</summary>
    public static Principal System { get; } = new("system", PrincipalKind.User, "system");
}
