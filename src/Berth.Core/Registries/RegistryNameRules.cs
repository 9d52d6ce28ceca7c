namespace Berth.Core.Registries;

/// <summary>ACR's registry name rules: 5-50 ASCII letters and digits; unique ignoring case (the store enforces that).</summary>
public static class RegistryNameRules
{
    public const int MinLength = 5;
    public const int MaxLength = 50;

    public static bool IsValid(string? name) =>
        name is { Length: >= MinLength and <= MaxLength } && name.All(char.IsAsciiLetterOrDigit);

    /// <summary>A message for an invalid name; null when it is valid.</summary>
    public static string? Problem(string? name) =>
        IsValid(name) ? null : $"registry name '{name}' is invalid: use 5-50 letters and digits (no '-', '_' or '.')";
}
