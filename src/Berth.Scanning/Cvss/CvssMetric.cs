namespace Berth.Scanning.Cvss;

/// <summary>
/// One metric of a CVSS version: its abbreviation and the values the specification allows, in the
/// order the scorers index them. Optional metrics list <c>X</c> (Not Defined) first; modified metrics
/// then repeat their base metric's values in the same order, so index − 1 is the base index.
/// </summary>
internal sealed class CvssMetric(string name, bool mandatory, params string[] values)
{
    public string Name { get; } = name;

    /// <summary>Base metrics are mandatory; everything else may be omitted (same as <c>X</c>).</summary>
    public bool Mandatory { get; } = mandatory;

    public string[] Values { get; } = values;

    public int IndexOf(ReadOnlySpan<char> value)
    {
        for (var i = 0; i < Values.Length; i++)
        {
            if (value.SequenceEqual(Values[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
