using Berth.Scanning.Versions;

namespace Berth.Scanning.Tests.Versions;

internal static class VersionAssert
{
    /// <summary>Asserts <c>a op b</c> (op is &lt;, = or &gt;) and the reverse.</summary>
    public static void Holds(IVersionComparer comparer, string a, string op, string b)
    {
        var expected = op switch { "<" => -1, "=" => 0, ">" => 1, _ => throw new ArgumentOutOfRangeException(nameof(op)) };
        Assert.True(comparer.Compare(a, b) == expected && comparer.Compare(b, a) == -expected,
            $"{comparer.Scheme}: expected \"{a}\" {op} \"{b}\", got {comparer.Compare(a, b)} (reversed {comparer.Compare(b, a)})");
    }

    /// <summary>Asserts the versions are strictly increasing, each pair both ways round.</summary>
    public static void Increasing(IVersionComparer comparer, params string[] versions)
    {
        for (var i = 0; i < versions.Length; i++)
        {
            for (var j = i + 1; j < versions.Length; j++)
            {
                Holds(comparer, versions[i], "<", versions[j]);
            }
        }
    }
}
